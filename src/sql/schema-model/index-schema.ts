/**
 * An index created on its own (`create [unique] index`). Indexes that only back a primary key or unique
 * constraint are not listed: they belong to their constraint.
 */
export interface IndexSchema {
  readonly name: string;
  /**
   * Key parts in index order: a column name, or for an expression key the expression in parentheses,
   * normalized like a default (`(lower(email))`).
   */
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export const IndexSchema = Object.freeze({
  create(name: string, columns: readonly string[], unique: boolean): IndexSchema {
    return Object.freeze({ name, columns: Object.freeze([...columns]), unique });
  },
});

/** A table's primary key. */
export interface PrimaryKeySchema {
  /** The constraint's name; undefined where the database keeps none (SQLite). */
  readonly name?: string;
  /** Key columns in key order. */
  readonly columns: readonly string[];
}

export const PrimaryKeySchema = Object.freeze({
  create(name: string | undefined, columns: readonly string[]): PrimaryKeySchema {
    return Object.freeze({ name, columns: Object.freeze([...columns]) });
  },
});

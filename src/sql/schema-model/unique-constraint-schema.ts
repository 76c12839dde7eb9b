/**
 * A UNIQUE constraint, as opposed to a unique index (IndexSchema with `unique`): PostgreSQL and SQLite keep the
 * two apart; MySQL does not (every unique key is both), so there it reports unique indexes only.
 */
export interface UniqueConstraintSchema {
  /** The constraint's name; undefined where the database keeps none (SQLite). */
  readonly name?: string;
  readonly columns: readonly string[];
}

export const UniqueConstraintSchema = Object.freeze({
  create(name: string | undefined, columns: readonly string[]): UniqueConstraintSchema {
    return Object.freeze({ name, columns: Object.freeze([...columns]) });
  },
});

import type { ReferentialAction } from './referential-action';

/** A foreign key from some columns of one table to a key of another. */
export interface ForeignKeySchema {
  /** The constraint's name; undefined where the database keeps none (SQLite). */
  readonly name?: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  /** Set only when the referenced table lives in another schema or database than the one introspected. */
  readonly referencedSchema?: string;
  /** Referenced columns, position for position with `columns`. */
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

export const ForeignKeySchema = Object.freeze({
  create(key: ForeignKeySchema): ForeignKeySchema {
    return Object.freeze({
      ...key,
      columns: Object.freeze([...key.columns]),
      referencedColumns: Object.freeze([...key.referencedColumns]),
    });
  },
});

import type { EnumTypeSchema } from './enum-type-schema';
import type { TableSchema } from './table-schema';

/**
 * What introspection reads from a live database (the current schema on PostgreSQL, the current database on
 * MySQL, the main database on SQLite), frozen. Dialect-neutral: migrations diff it against the schema the
 * entities describe, so every value in it is normalized (see default-expression.ts and each dialect's
 * `-schema-normalizer.ts`).
 */
export interface DatabaseSchema {
  /** Tables sorted by name; internal tables (sqlite_*) are left out. */
  readonly tables: readonly TableSchema[];
  /** Named enum types sorted by name (PostgreSQL only). */
  readonly enums: readonly EnumTypeSchema[];
}

export const DatabaseSchema = Object.freeze({
  /**
   * A frozen schema (introspectors build one through SchemaBuilder; a diff's target is built the same way).
   * @example
   * const empty = DatabaseSchema.create([], []);
   */
  create(tables: readonly TableSchema[], enums: readonly EnumTypeSchema[]): DatabaseSchema {
    return Object.freeze({ tables: Object.freeze([...tables]), enums: Object.freeze([...enums]) });
  },

  /**
   * A table by name.
   * @example
   * const authors = DatabaseSchema.table(await orm.schema.introspect(), 'authors');
   */
  table(schema: DatabaseSchema, name: string): TableSchema | undefined {
    return schema.tables.find((t) => t.name === name);
  },
});

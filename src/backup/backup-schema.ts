import type { SchemaGenerator } from '../dialects/dialect';
import { BackupError } from '../errors/backup-error';
import { ColumnSchema } from '../sql/schema-model/column-schema';
import { DatabaseSchema } from '../sql/schema-model/database-schema';
import { PrimaryKeySchema } from '../sql/schema-model/primary-key-schema';
import { TableSchema } from '../sql/schema-model/table-schema';
import { commitOrder } from '../unit-of-work/commit-order';

/**
 * The live schema with the entities' types where the database's storage lost them: SQLite declares timestamps,
 * JSON and uuids as text and booleans and bigints as integer, so introspection alone reads them so. Where an
 * entity maps a column whose storage on this database is exactly what introspection found, the entity's type
 * (and size) is the column's: its values are then encoded as what they are, and restore elsewhere as such.
 * Enums are left alone: they are strings or numbers whatever the declaration says.
 * @example
 * const schema = withEntityTypes(await introspector.introspect(), orm.schema.target(), dialect.schema);
 */
export function withEntityTypes(live: DatabaseSchema, entities: DatabaseSchema, ddl: SchemaGenerator): DatabaseSchema {
  const tables = live.tables.map((table) => {
    const mapped = DatabaseSchema.table(entities, table.name);
    if (!mapped) return table;
    const columns = table.columns.map((column) => {
      const entity = TableSchema.column(mapped, column.name);
      if (!entity || entity.type === column.type || entity.type === 'enum' || entity.type === undefined) return column;
      if (ddl.storedColumn(entity).type !== column.type) return column;
      const { type, length, precision, scale } = entity;
      return ColumnSchema.create({ ...column, type, length, precision, scale });
    });
    return TableSchema.create({ ...table, columns });
  });
  return DatabaseSchema.create(tables, live.enums);
}

/**
 * The backup's schema as `target` should create it. Into the dialect it was read from, as it is. Into another,
 * every column with a portable type is written in the target's own spelling (its native type dropped), a
 * PostgreSQL enum type becomes the target's enum (MySQL's ENUM, a CHECK elsewhere), primary keys take the
 * target's names, and a column whose type
 * Tessera has no name for is refused before anything is written.
 */
export function schemaFor(schema: DatabaseSchema, source: string, target: string): DatabaseSchema {
  if (source === target) return schema;
  const tables = schema.tables.map((table) => {
    const columns = table.columns.map((column) => {
      if (column.type === undefined) throw BackupError.unportableColumn(table.name, column.name, column.nativeType, source, target);
      return ColumnSchema.create({ ...column, nativeType: '' });
    });
    // A primary key's name is the source's convention (MySQL's is always PRIMARY): the target names its own.
    const primaryKey = table.primaryKey && PrimaryKeySchema.create(undefined, table.primaryKey.columns);
    return TableSchema.create({ ...table, columns, primaryKey });
  });
  return DatabaseSchema.create(tables, []);
}

/**
 * The tables in foreign-key order: a referenced table before the tables that reference it. A cycle is broken
 * anywhere: a restore checks foreign keys only once every row is in (see BackupSupport).
 */
export function tablesInForeignKeyOrder(schema: DatabaseSchema): TableSchema[] {
  const edges = schema.tables.flatMap((table) =>
    table.foreignKeys
      .filter((fk) => fk.referencedSchema === undefined)
      .flatMap((fk) => {
        const referenced = DatabaseSchema.table(schema, fk.referencedTable);
        return referenced ? [{ from: referenced, to: table, optional: true }] : [];
      }),
  );
  return commitOrder(schema.tables, edges, (t) => t.name).order;
}

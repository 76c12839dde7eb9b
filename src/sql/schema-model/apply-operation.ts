import { SchemaError } from '../../errors/schema-error';
import { ColumnSchema } from './column-schema';
import { DatabaseSchema } from './database-schema';
import { EnumTypeSchema } from './enum-type-schema';
import { ForeignKeySchema } from './foreign-key-schema';
import { IndexSchema } from './index-schema';
import { PrimaryKeySchema } from './primary-key-schema';
import type { SchemaOperation } from './schema-operation';
import { compareKeys, compareNames } from './schema-order';
import { TableSchema } from './table-schema';
import { UniqueConstraintSchema } from './unique-constraint-schema';

type Key = { readonly name?: string; readonly columns: readonly string[] };

/**
 * The schema after one operation, as introspection would read it once the operation ran: lists stay sorted
 * the way introspectors sort them, a dropped column takes its indexes and keys with it, a renamed column or
 * table is renamed wherever a key names it. Pure: `schema` is not changed. A `raw` operation changes nothing
 * here (its effect is unknown). An operation on a table, column or key the schema does not have is a
 * SchemaError.
 * @example
 * const next = applyOperation(live, { kind: 'addColumn', table: 'users', column });
 */
export function applyOperation(schema: DatabaseSchema, op: SchemaOperation): DatabaseSchema {
  switch (op.kind) {
    case 'createTable':
      if (DatabaseSchema.table(schema, op.table.name)) throw SchemaError.exists('table', op.table.name);
      return withTables(schema, [...schema.tables, sortedTable(op.table)]);
    case 'dropTable':
      requireTable(schema, op.table.name);
      return withTables(
        schema,
        schema.tables.filter((t) => t.name !== op.table.name),
      );
    case 'renameTable': {
      requireTable(schema, op.from);
      if (DatabaseSchema.table(schema, op.to)) throw SchemaError.exists('table', op.to);
      const renamed = schema.tables.map((t) => {
        const foreignKeys = t.foreignKeys.map((fk) => (fk.referencedTable === op.from ? ForeignKeySchema.create({ ...fk, referencedTable: op.to }) : fk));
        return TableSchema.create({ ...t, name: t.name === op.from ? op.to : t.name, foreignKeys });
      });
      return withTables(schema, renamed);
    }
    case 'addColumn':
      return alterTable(schema, op.table, (t) => {
        if (TableSchema.column(t, op.column.name)) throw SchemaError.exists('column', op.column.name, t.name);
        return { ...t, columns: [...t.columns, op.column] };
      });
    case 'dropColumn':
      return alterTable(schema, op.table, (t) => {
        requireColumn(t, op.column.name);
        const keeps = (key: Key) => !key.columns.includes(op.column.name);
        return {
          ...t,
          columns: t.columns.filter((c) => c.name !== op.column.name),
          primaryKey: t.primaryKey && keeps(t.primaryKey) ? t.primaryKey : undefined,
          uniqueConstraints: t.uniqueConstraints.filter(keeps),
          indexes: t.indexes.filter(keeps),
          foreignKeys: t.foreignKeys.filter(keeps),
        };
      });
    case 'renameColumn':
      return renameColumn(schema, op.table, op.from, op.to);
    case 'alterColumn':
      return alterTable(schema, op.table, (t) => {
        requireColumn(t, op.from.name);
        return { ...t, columns: t.columns.map((c) => (c.name === op.from.name ? op.to : c)) };
      });
    case 'createIndex':
      return alterTable(schema, op.table, (t) => {
        if (t.indexes.some((i) => i.name === op.index.name)) throw SchemaError.exists('index', op.index.name, t.name);
        return { ...t, indexes: [...t.indexes, op.index] };
      });
    case 'dropIndex':
      return alterTable(schema, op.table, (t) => ({ ...t, indexes: without(t.indexes, op.index, 'index', t.name) }));
    case 'addUnique':
      return alterTable(schema, op.table, (t) => ({ ...t, uniqueConstraints: [...t.uniqueConstraints, op.unique] }));
    case 'dropUnique':
      return alterTable(schema, op.table, (t) => ({ ...t, uniqueConstraints: without(t.uniqueConstraints, op.unique, 'unique constraint', t.name) }));
    case 'addForeignKey':
      return alterTable(schema, op.table, (t) => ({ ...t, foreignKeys: [...t.foreignKeys, op.foreignKey] }));
    case 'dropForeignKey':
      return alterTable(schema, op.table, (t) => ({ ...t, foreignKeys: without(t.foreignKeys, op.foreignKey, 'foreign key', t.name) }));
    case 'createEnum':
      if (schema.enums.some((e) => e.name === op.enum.name)) throw SchemaError.exists('enum type', op.enum.name);
      return withEnums(schema, [...schema.enums, op.enum]);
    case 'dropEnum':
      requireEnum(schema, op.enum.name);
      return withEnums(
        schema,
        schema.enums.filter((e) => e.name !== op.enum.name),
      );
    case 'alterEnum':
      requireEnum(schema, op.from.name);
      return withEnums(
        schema,
        schema.enums.map((e) => (e.name === op.from.name ? EnumTypeSchema.create(op.to.name, op.to.values) : e)),
      );
    case 'raw':
      return schema;
  }
}

/**
 * Every operation applied in turn.
 * @example
 * const target = applyOperations(DatabaseSchema.create([], []), operations);
 */
export function applyOperations(schema: DatabaseSchema, operations: readonly SchemaOperation[]): DatabaseSchema {
  return operations.reduce(applyOperation, schema);
}

/** Whether two keys are the same key: by name where both have one, otherwise by their columns. */
export function sameKey(a: Key, b: Key): boolean {
  if (a.name !== undefined && b.name !== undefined) return a.name === b.name;
  return a.columns.join('\0') === b.columns.join('\0');
}

function renameColumn(schema: DatabaseSchema, table: string, from: string, to: string): DatabaseSchema {
  const rename = (columns: readonly string[]) => columns.map((c) => (c === from ? to : c));
  const renamed = alterTable(schema, table, (t) => {
    requireColumn(t, from);
    if (TableSchema.column(t, to)) throw SchemaError.exists('column', to, t.name);
    return {
      ...t,
      columns: t.columns.map((c) => (c.name === from ? ColumnSchema.create({ ...c, name: to }) : c)),
      primaryKey: t.primaryKey && PrimaryKeySchema.create(t.primaryKey.name, rename(t.primaryKey.columns)),
      uniqueConstraints: t.uniqueConstraints.map((u) => UniqueConstraintSchema.create(u.name, rename(u.columns))),
      indexes: t.indexes.map((i) => IndexSchema.create(i.name, rename(i.columns), i.unique)),
      foreignKeys: t.foreignKeys.map((fk) => ForeignKeySchema.create({ ...fk, columns: rename(fk.columns) })),
    };
  });
  // Keys of every table that reference the renamed column follow it.
  const tables = renamed.tables.map((t) => {
    if (!t.foreignKeys.some((fk) => fk.referencedTable === table)) return t;
    const foreignKeys = t.foreignKeys.map((fk) =>
      fk.referencedTable === table ? ForeignKeySchema.create({ ...fk, referencedColumns: rename(fk.referencedColumns) }) : fk,
    );
    return TableSchema.create({ ...t, foreignKeys });
  });
  return withTables(renamed, tables);
}

function alterTable(schema: DatabaseSchema, name: string, change: (table: TableSchema) => TableSchema): DatabaseSchema {
  const table = requireTable(schema, name);
  return withTables(
    schema,
    schema.tables.map((t) => (t === table ? sortedTable(change(t)) : t)),
  );
}

function sortedTable(table: TableSchema): TableSchema {
  return TableSchema.create({
    ...table,
    uniqueConstraints: [...table.uniqueConstraints].sort(compareKeys),
    indexes: [...table.indexes].sort(compareKeys),
    foreignKeys: [...table.foreignKeys].sort(compareKeys),
  });
}

function withTables(schema: DatabaseSchema, tables: readonly TableSchema[]): DatabaseSchema {
  return DatabaseSchema.create(
    [...tables].sort((a, b) => compareNames(a.name, b.name)),
    schema.enums,
  );
}

function withEnums(schema: DatabaseSchema, enums: readonly EnumTypeSchema[]): DatabaseSchema {
  return DatabaseSchema.create(
    schema.tables,
    [...enums].sort((a, b) => compareNames(a.name, b.name)),
  );
}

function without<K extends Key>(keys: readonly K[], key: Key, what: string, table: string): K[] {
  const kept = keys.filter((k) => !sameKey(k, key));
  if (kept.length === keys.length) throw SchemaError.missing(what, key.name ?? `(${key.columns.join(', ')})`, table);
  return kept;
}

function requireTable(schema: DatabaseSchema, name: string): TableSchema {
  const table = DatabaseSchema.table(schema, name);
  if (!table) throw SchemaError.missing('table', name);
  return table;
}

function requireColumn(table: TableSchema, name: string): void {
  if (!TableSchema.column(table, name)) throw SchemaError.missing('column', name, table.name);
}

function requireEnum(schema: DatabaseSchema, name: string): void {
  if (!schema.enums.some((e) => e.name === name)) throw SchemaError.missing('enum type', name);
}

import { applyOperation, sameKey } from './apply-operation';
import type { ColumnSchema } from './column-schema';
import { DatabaseSchema } from './database-schema';
import type { ForeignKeySchema } from './foreign-key-schema';
import type { IndexSchema } from './index-schema';
import type { SchemaOperation } from './schema-operation';
import { TableSchema } from './table-schema';
import type { UniqueConstraintSchema } from './unique-constraint-schema';

/** A column the entities renamed (`@Column({ renamedFrom })`). */
export interface ColumnRename {
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

export interface DiffOptions {
  /**
   * Drop the tables (and enum types) the live database has and the target does not. Default false: they are
   * left alone, as they may belong to another application or to a migrations table.
   */
  readonly dropTables?: boolean;
  /** Columns to rename rather than drop and add; a rename whose old column is gone is ignored. */
  readonly renamedColumns?: readonly ColumnRename[];
}

/**
 * The operations that turn `live` into `target`, ordered to run top to bottom: enum types, column renames,
 * then foreign keys, indexes and unique constraints that go (so nothing depends on what changes next), new
 * tables, added and altered columns, dropped columns, new unique constraints and indexes, new foreign keys
 * (once every table they reference exists), and last the dropped tables and enum types. Each operation
 * carries what it removes, as it is at that point. An empty list means the schemas agree.
 * @example
 * const operations = diffSchemas(target, await orm.schema.introspect(), { dropTables: false });
 */
export function diffSchemas(target: DatabaseSchema, live: DatabaseSchema, options: DiffOptions = {}): SchemaOperation[] {
  const enums = diffEnums(target, live, options);
  const renames = renameOperations(target, live, options.renamedColumns ?? []);
  const current = renames.reduce(applyOperation, live);

  const dropKeys: SchemaOperation[] = [];
  const dropIndexes: SchemaOperation[] = [];
  const creates: SchemaOperation[] = [];
  const columns: SchemaOperation[] = [];
  const dropColumns: SchemaOperation[] = [];
  const addIndexes: SchemaOperation[] = [];
  const addKeys: SchemaOperation[] = [];
  const dropTables: SchemaOperation[] = [];

  for (const wanted of target.tables) {
    const table = DatabaseSchema.table(current, wanted.name);
    if (!table) {
      creates.push({ kind: 'createTable', table: TableSchema.create({ ...wanted, foreignKeys: [] }) });
      for (const foreignKey of wanted.foreignKeys) addKeys.push({ kind: 'addForeignKey', table: wanted.name, foreignKey });
      continue;
    }
    const altered = new Set<string>();
    for (const column of wanted.columns) {
      const existing = TableSchema.column(table, column.name);
      if (!existing) columns.push({ kind: 'addColumn', table: table.name, column });
      else if (!sameColumn(column, existing)) {
        columns.push({ kind: 'alterColumn', table: table.name, from: existing, to: column });
        if (!sameType(column, existing)) altered.add(column.name);
      }
    }
    for (const column of table.columns) {
      if (!TableSchema.column(wanted, column.name)) dropColumns.push({ kind: 'dropColumn', table: table.name, column });
    }
    for (const index of table.indexes) {
      if (!wanted.indexes.some((i) => sameIndex(i, index))) dropIndexes.push({ kind: 'dropIndex', table: table.name, index });
    }
    for (const index of wanted.indexes) {
      if (!table.indexes.some((i) => sameIndex(i, index))) addIndexes.push({ kind: 'createIndex', table: table.name, index });
    }
    for (const unique of table.uniqueConstraints) {
      if (!wanted.uniqueConstraints.some((u) => sameUnique(u, unique))) dropIndexes.push({ kind: 'dropUnique', table: table.name, unique });
    }
    for (const unique of wanted.uniqueConstraints) {
      if (!table.uniqueConstraints.some((u) => sameUnique(u, unique))) addIndexes.push({ kind: 'addUnique', table: table.name, unique });
    }
    // A key over a column whose type changes goes and comes back: MySQL refuses to alter a referencing column.
    const touched = (fk: ForeignKeySchema) => fk.columns.some((c) => altered.has(c));
    for (const foreignKey of table.foreignKeys) {
      if (!wanted.foreignKeys.some((f) => sameForeignKey(f, foreignKey)) || touched(foreignKey)) {
        dropKeys.push({ kind: 'dropForeignKey', table: table.name, foreignKey });
      }
    }
    for (const foreignKey of wanted.foreignKeys) {
      if (!table.foreignKeys.some((f) => sameForeignKey(f, foreignKey)) || touched(foreignKey)) {
        addKeys.push({ kind: 'addForeignKey', table: table.name, foreignKey });
      }
    }
  }

  if (options.dropTables) {
    const gone = current.tables.filter((t) => !DatabaseSchema.table(target, t.name));
    for (const table of gone) {
      for (const foreignKey of table.foreignKeys) dropKeys.push({ kind: 'dropForeignKey', table: table.name, foreignKey });
      dropTables.push({ kind: 'dropTable', table: TableSchema.create({ ...table, foreignKeys: [] }) });
    }
  }

  return [
    ...enums.creates,
    ...renames,
    ...dropKeys,
    ...dropIndexes,
    ...creates,
    ...columns,
    ...dropColumns,
    ...addIndexes,
    ...addKeys,
    ...dropTables,
    ...enums.drops,
  ];
}

/**
 * Whether two columns are the same definition. Where both have a portable type, the type and its size
 * decide and the native spelling is ignored (`int(11)` and `int` agree); otherwise the native type does.
 * Items are a native enum's, or those of the `col in (...)` CHECK Tessera writes where there is none.
 */
export function sameColumn(a: ColumnSchema, b: ColumnSchema): boolean {
  return sameType(a, b) && a.nullable === b.nullable && a.default === b.default && a.identity === b.identity;
}

/** Whether two columns have the same type, size and items. */
export function sameType(a: ColumnSchema, b: ColumnSchema): boolean {
  const items = (a.items ?? []).join('\0') === (b.items ?? []).join('\0');
  if (a.type === undefined || b.type === undefined) return a.nativeType.toLowerCase() === b.nativeType.toLowerCase() && items;
  return a.type === b.type && a.length === b.length && a.precision === b.precision && a.scale === b.scale && items;
}

function sameIndex(a: IndexSchema, b: IndexSchema): boolean {
  return a.name === b.name && a.unique === b.unique && a.columns.join('\0') === b.columns.join('\0');
}

function sameUnique(a: UniqueConstraintSchema, b: UniqueConstraintSchema): boolean {
  return sameKey(a, b) && a.columns.join('\0') === b.columns.join('\0');
}

function sameForeignKey(a: ForeignKeySchema, b: ForeignKeySchema): boolean {
  return (
    sameKey(a, b) &&
    a.columns.join('\0') === b.columns.join('\0') &&
    a.referencedTable === b.referencedTable &&
    a.referencedSchema === b.referencedSchema &&
    a.referencedColumns.join('\0') === b.referencedColumns.join('\0') &&
    a.onDelete === b.onDelete &&
    a.onUpdate === b.onUpdate
  );
}

function renameOperations(target: DatabaseSchema, live: DatabaseSchema, renames: readonly ColumnRename[]): SchemaOperation[] {
  return renames
    .filter((r) => {
      const before = DatabaseSchema.table(live, r.table);
      const after = DatabaseSchema.table(target, r.table);
      return before && after && TableSchema.column(before, r.from) && !TableSchema.column(before, r.to) && TableSchema.column(after, r.to);
    })
    .map((r) => ({ kind: 'renameColumn', table: r.table, from: r.from, to: r.to }));
}

function diffEnums(target: DatabaseSchema, live: DatabaseSchema, options: DiffOptions): { creates: SchemaOperation[]; drops: SchemaOperation[] } {
  const creates: SchemaOperation[] = [];
  const drops: SchemaOperation[] = [];
  for (const wanted of target.enums) {
    const existing = live.enums.find((e) => e.name === wanted.name);
    if (!existing) creates.push({ kind: 'createEnum', enum: wanted });
    else if (existing.values.join('\0') !== wanted.values.join('\0')) creates.push({ kind: 'alterEnum', from: existing, to: wanted });
  }
  if (options.dropTables) {
    for (const existing of live.enums) if (!target.enums.some((e) => e.name === existing.name)) drops.push({ kind: 'dropEnum', enum: existing });
  }
  return { creates, drops };
}

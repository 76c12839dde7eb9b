import type { ForeignKeySchema } from '../../sql/schema-model/foreign-key-schema';
import type { SchemaOperation } from '../../sql/schema-model/schema-operation';
import type { TableSchema } from '../../sql/schema-model/table-schema';
import { columnSource, list, literal } from './column-source';

/**
 * @internal The statements of a migration method that record `op` through `this.schema` (raw SQL through
 * `this.sql`). Constraint names are always written out, so the migration recreates exactly what it removed.
 */
export function operationSource(op: SchemaOperation): string[] {
  const s = 'this.schema';
  switch (op.kind) {
    case 'createTable':
      return createTableSource(op.table);
    case 'dropTable':
      return [`${s}.dropTable(${literal(op.table.name)});`];
    case 'renameTable':
      return [`${s}.renameTable(${literal(op.from)}, ${literal(op.to)});`];
    case 'addColumn':
      return [`${s}.addColumn(${literal(op.table)}, (t) => ${columnSource(op.column)});`];
    case 'dropColumn':
      return [`${s}.dropColumn(${literal(op.table)}, ${literal(op.column.name)});`];
    case 'renameColumn':
      return [`${s}.renameColumn(${literal(op.table)}, ${literal(op.from)}, ${literal(op.to)});`];
    case 'alterColumn':
      return [`${s}.alterColumn(${literal(op.table)}, (t) => ${columnSource(op.to)});`];
    case 'createIndex':
      return [`${s}.createIndex(${literal(op.table)}, ${list(op.index.columns)}, ${indexOptions(op.index.name, op.index.unique)});`];
    case 'dropIndex':
      return [`${s}.dropIndex(${literal(op.table)}, ${literal(op.index.name)});`];
    case 'addUnique':
      return [`${s}.addUnique(${literal(op.table)}, ${list(op.unique.columns)}${op.unique.name ? `, ${literal(op.unique.name)}` : ''});`];
    case 'dropUnique':
      return [`${s}.dropUnique(${literal(op.table)}, ${op.unique.name ? literal(op.unique.name) : list(op.unique.columns)});`];
    case 'addForeignKey': {
      const fk = op.foreignKey;
      return [`${s}.addForeignKey(${literal(op.table)}, ${list(fk.columns)}, ${literal(fk.referencedTable)}, ${list(fk.referencedColumns)}${referenceOptions(fk)});`];
    }
    case 'dropForeignKey':
      return [`${s}.dropForeignKey(${literal(op.table)}, ${op.foreignKey.name ? literal(op.foreignKey.name) : list(op.foreignKey.columns)});`];
    case 'createEnum':
      return [`${s}.createEnum(${literal(op.enum.name)}, ${list(op.enum.values)});`];
    case 'dropEnum':
      return [`${s}.dropEnum(${literal(op.enum.name)});`];
    case 'alterEnum':
      return [`${s}.alterEnum(${literal(op.to.name)}, ${list(op.to.values)});`];
    case 'raw':
      return [`this.sql(${literal(op.sql)}${op.down === undefined ? '' : `, ${literal(op.down)}`});`];
  }
}

function createTableSource(table: TableSchema): string[] {
  const key = table.primaryKey;
  // One identity column that is the whole (unnamed) key reads best as `t.increments('id')`.
  const increments = key && key.name === undefined && key.columns.length === 1 ? table.columns.find((c) => c.name === key.columns[0] && c.identity) : undefined;
  const body = table.columns.map((c) => `${columnSource(c, { increments: c === increments && (c.type === 'int' || c.type === 'bigint') })};`);
  if (key && !(increments && (increments.type === 'int' || increments.type === 'bigint'))) {
    body.push(`t.primary(${list(key.columns)}${key.name ? `, ${literal(key.name)}` : ''});`);
  }
  for (const unique of table.uniqueConstraints) body.push(`t.unique(${list(unique.columns)}${unique.name ? `, ${literal(unique.name)}` : ''});`);
  for (const index of table.indexes) body.push(`t.index(${list(index.columns)}, ${indexOptions(index.name, index.unique)});`);
  for (const fk of table.foreignKeys) {
    body.push(`t.foreign(${list(fk.columns)}, ${literal(fk.referencedTable)}, ${list(fk.referencedColumns)}${referenceOptions(fk)});`);
  }
  return [`this.schema.createTable(${literal(table.name)}, (t) => {`, ...body.map((line) => `  ${line}`), '});'];
}

function indexOptions(name: string, unique: boolean): string {
  return unique ? `{ name: ${literal(name)}, unique: true }` : `{ name: ${literal(name)} }`;
}

function referenceOptions(fk: ForeignKeySchema): string {
  const parts = [
    fk.name ? `name: ${literal(fk.name)}` : undefined,
    fk.onDelete !== 'no action' ? `onDelete: ${literal(fk.onDelete)}` : undefined,
    fk.onUpdate !== 'no action' ? `onUpdate: ${literal(fk.onUpdate)}` : undefined,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? '' : `, { ${parts.join(', ')} }`;
}

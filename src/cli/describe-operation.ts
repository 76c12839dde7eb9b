import type { SchemaOperation } from '../sql/schema-model/schema-operation';

/** One line for a person about a schema change, as schema:update and migration:check list them. */
export function describeOperation(op: SchemaOperation): string {
  switch (op.kind) {
    case 'createTable':
    case 'dropTable':
      return `${op.kind === 'createTable' ? 'create' : 'drop'} table ${op.table.name}`;
    case 'renameTable':
      return `rename table ${op.from} to ${op.to}`;
    case 'addColumn':
    case 'dropColumn':
      return `${op.kind === 'addColumn' ? 'add' : 'drop'} column ${op.table}.${op.column.name}`;
    case 'renameColumn':
      return `rename column ${op.table}.${op.from} to ${op.to}`;
    case 'alterColumn':
      return `alter column ${op.table}.${op.to.name}`;
    case 'createIndex':
    case 'dropIndex':
      return `${op.kind === 'createIndex' ? 'create' : 'drop'} index ${op.index.name} on ${op.table}`;
    case 'addUnique':
    case 'dropUnique':
      return `${op.kind === 'addUnique' ? 'add' : 'drop'} unique ${op.unique.name ?? `(${op.unique.columns.join(', ')})`} on ${op.table}`;
    case 'addForeignKey':
    case 'dropForeignKey':
      return `${op.kind === 'addForeignKey' ? 'add' : 'drop'} foreign key ${op.foreignKey.name ?? `(${op.foreignKey.columns.join(', ')})`} on ${op.table}`;
    case 'createEnum':
    case 'dropEnum':
      return `${op.kind === 'createEnum' ? 'create' : 'drop'} enum ${op.enum.name}`;
    case 'alterEnum':
      return `alter enum ${op.to.name}`;
    case 'raw':
      return `raw sql: ${op.sql.split('\n')[0]}`;
  }
}

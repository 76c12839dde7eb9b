import type { DatabaseSchema } from '../sql/schema-model/database-schema';
import type { UnindexedForeignKeyFinding } from './analysis-report';

/** The foreign keys of `schema` whose columns no index, primary key or unique constraint leads with (in any order). */
export function unindexedForeignKeys(schema: DatabaseSchema): UnindexedForeignKeyFinding[] {
  return schema.tables.flatMap((table) => {
    const indexed = [table.primaryKey?.columns ?? [], ...table.uniqueConstraints.map((u) => u.columns), ...table.indexes.map((i) => i.columns)];
    return table.foreignKeys
      .filter((key) => !indexed.some((columns) => leadsWith(columns, key.columns)))
      .map((key) => ({
        kind: 'unindexed-foreign-key' as const,
        table: table.name,
        columns: key.columns,
        referencedTable: key.referencedTable,
        message:
          `${table.name} (${key.columns.join(', ')}) references ${key.referencedTable} without an index: deleting or updating a ` +
          `${key.referencedTable} row, and joining ${table.name} to it, read ${table.name} whole. Index it (@Index() on the relation).`,
      }));
  });
}

function leadsWith(index: readonly string[], columns: readonly string[]): boolean {
  if (index.length < columns.length) return false;
  const leading = index.slice(0, columns.length);
  return columns.every((c) => leading.includes(c));
}

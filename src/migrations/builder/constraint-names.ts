import { ForeignKeySchema } from '../../sql/schema-model/foreign-key-schema';
import { IndexSchema } from '../../sql/schema-model/index-schema';
import { UniqueConstraintSchema } from '../../sql/schema-model/unique-constraint-schema';
import { SnakeCaseNamingStrategy } from '../../metadata/naming-strategy';
import type { ColumnState, ReferenceOptions } from './column-builder';

/** Constraint names the builder gives when the migration does not: the default naming strategy's. */
const naming = new SnakeCaseNamingStrategy();

/** @internal A unique constraint, named `<table>_<columns>_unique` unless `name` is given. */
export function uniqueConstraint(table: string, columns: readonly string[], name?: string): UniqueConstraintSchema {
  return UniqueConstraintSchema.create(name ?? naming.indexName(table, columns, true), columns);
}

/** @internal An index, named `<table>_<columns>_index` (or `_unique`) unless `name` is given. */
export function index(table: string, columns: readonly string[], unique: boolean, name?: string): IndexSchema {
  return IndexSchema.create(name ?? naming.indexName(table, columns, unique), columns, unique);
}

/** @internal A foreign key, named `<table>_<columns>_foreign` unless `options.name` is given. */
export function foreignKey(
  table: string,
  columns: readonly string[],
  referencedTable: string,
  referencedColumns: readonly string[],
  options: ReferenceOptions = {},
): ForeignKeySchema {
  return ForeignKeySchema.create({
    name: options.name ?? naming.foreignKeyName(table, columns.join('_')),
    columns,
    referencedTable,
    referencedColumns,
    onDelete: options.onDelete ?? 'no action',
    onUpdate: options.onUpdate ?? 'no action',
  });
}

/** @internal The constraints a column declared on itself (`.unique()`, `.index()`, `.references()`). */
export function columnConstraints(table: string, column: ColumnState) {
  const name = (given: string | true) => (given === true ? undefined : given);
  const ref = column.references;
  return {
    unique: column.unique !== undefined ? uniqueConstraint(table, [column.name], name(column.unique)) : undefined,
    index: column.index !== undefined ? index(table, [column.name], false, name(column.index)) : undefined,
    foreignKey: ref ? foreignKey(table, [column.name], ref.table, [ref.column], ref) : undefined,
  };
}

import { isNumericEnum } from '../metadata/enum-items';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { MetadataStorage } from '../metadata/metadata-storage';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { PivotMetadata } from '../metadata/relation-metadata';
import type { SchemaGenerator } from '../dialects/dialect';
import type { ColumnSchema } from './schema-model/column-schema';
import { DatabaseSchema } from './schema-model/database-schema';
import { sqlStringLiteral } from './schema-model/default-expression';
import { ForeignKeySchema } from './schema-model/foreign-key-schema';
import { IndexSchema } from './schema-model/index-schema';
import { PrimaryKeySchema } from './schema-model/primary-key-schema';
import { compareNames } from './schema-model/schema-order';
import { TableSchema } from './schema-model/table-schema';
import type { ColumnRename } from './schema-model/diff-schemas';

/**
 * The schema the entities describe, as `generator`'s database reports it once created: every entity table
 * with its columns, primary key, indexes (unique properties and `@Unique` are unique indexes, foreign-key
 * columns are indexed) and foreign keys, and the pivot table of each owning many-to-many. The tables are
 * written portably here and stored by the dialect (`storedTable`), so that create → introspect → diff finds
 * nothing.
 * @example
 * const target = targetSchema(orm.metadata, dialect.schema);
 */
export function targetSchema(metadata: MetadataStorage, generator: SchemaGenerator): DatabaseSchema {
  const stored = portableSchema(metadata).tables.map((t) => generator.storedTable(t));
  return DatabaseSchema.create(stored, []);
}

/**
 * The schema the entities describe in portable terms, before a dialect stores it: each column has its Tessera
 * type (a backup reads the types SQLite's storage classes lose from it).
 * @example
 * const timestamp = TableSchema.column(DatabaseSchema.table(portableSchema(orm.metadata), 'posts')!, 'created_at');
 */
export function portableSchema(metadata: MetadataStorage): DatabaseSchema {
  const tables = new Map<string, TableSchema>();
  for (const meta of metadata.all) {
    tables.set(meta.table, entityTable(meta));
    for (const relation of meta.pivots) {
      const pivot = relation.pivot as PivotMetadata;
      tables.set(pivot.table, pivotTable(pivot, meta, relation.target));
    }
  }
  return DatabaseSchema.create(
    [...tables.values()].sort((a, b) => compareNames(a.name, b.name)),
    [],
  );
}

/**
 * The columns the entities rename (`@Column({ renamedFrom })`), for the diff.
 * @example
 * diffSchemas(target, live, { renamedColumns: renamedColumns(orm.metadata) });
 */
export function renamedColumns(metadata: MetadataStorage): ColumnRename[] {
  return metadata.all.flatMap((meta) =>
    meta.properties.filter((p) => p.renamedFrom !== undefined).map((p) => ({ table: meta.table, from: p.renamedFrom as string, to: p.column })),
  );
}

function entityTable(meta: EntityMetadata): TableSchema {
  return TableSchema.create({
    name: meta.table,
    columns: meta.properties.map(portableColumn),
    primaryKey: PrimaryKeySchema.create(undefined, [meta.primaryKey.column]),
    uniqueConstraints: [],
    indexes: meta.indexes.map((i) => IndexSchema.create(i.name, i.columns, i.unique)),
    foreignKeys: meta.foreignKeys.map((fk) =>
      ForeignKeySchema.create({
        name: fk.name,
        columns: [fk.column.column],
        referencedTable: fk.target.table,
        referencedColumns: [fk.target.primaryKey.column],
        onDelete: fk.onDelete,
        onUpdate: 'no action',
      }),
    ),
  });
}

/** `(source, target)` primary key, the target column indexed, one foreign key per side deleting the link with either row. */
function pivotTable(pivot: PivotMetadata, source: EntityMetadata, target: EntityMetadata): TableSchema {
  const sides: [PropertyMetadata, EntityMetadata][] = [
    [pivot.sourceColumn, source],
    [pivot.targetColumn, target],
  ];
  return TableSchema.create({
    name: pivot.table,
    columns: sides.map(([column]) => portableColumn(column)),
    primaryKey: PrimaryKeySchema.create(undefined, [pivot.sourceColumn.column, pivot.targetColumn.column]),
    uniqueConstraints: [],
    indexes: [IndexSchema.create(`${pivot.table}_${pivot.targetColumn.column}_index`, [pivot.targetColumn.column], false)],
    foreignKeys: sides.map(([column, entity]) =>
      ForeignKeySchema.create({
        name: `${pivot.table}_${column.column}_foreign`,
        columns: [column.column],
        referencedTable: entity.table,
        referencedColumns: [entity.primaryKey.column],
        onDelete: 'cascade',
        onUpdate: 'no action',
      }),
    ),
  });
}

/**
 * A property's column in portable terms: its Tessera type (a numeric enum is an int restricted to its items),
 * the default as a SQL literal. The dialect's `storedColumn` turns it into what its catalog reports.
 */
function portableColumn(p: PropertyMetadata): ColumnSchema {
  return {
    name: p.column,
    nativeType: '',
    type: isNumericEnum(p) ? 'int' : p.type,
    length: p.length,
    precision: p.precision,
    scale: p.scale,
    nullable: p.nullable,
    default: defaultLiteral(p.default),
    identity: p.primary && p.generation === 'identity',
    items: p.items?.map(String),
  };
}

function defaultLiteral(value: PropertyMetadata['default']): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return sqlStringLiteral(value);
  return String(value);
}

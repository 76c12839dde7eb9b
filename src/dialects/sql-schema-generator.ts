import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import { isNumericEnum } from '../metadata/enum-items';
import type { ForeignKeyMetadata, PivotMetadata } from '../metadata/relation-metadata';
import type { SchemaGenerator } from './dialect';

/** A foreign key as DDL writes it: the entity's own, or a pivot column's. */
interface ForeignKeyDefinition {
  readonly name: string;
  readonly column: string;
  readonly table: string;
  readonly references: string;
  readonly referencesColumn: string;
  readonly onDelete: ForeignKeyMetadata['onDelete'];
}

/**
 * DDL from metadata, shared by the SQL dialects: `create table` with one definition per column, then one
 * `create [unique] index` per index, then the pivot tables the entity owns. Foreign keys are added by
 * `alter table` once every table exists (so that creation order and cycles do not matter), or written inline
 * where the database cannot alter them in (`inlineForeignKeys`). Dialects say how each type, identity key and
 * literal is written.
 */
export abstract class SqlSchemaGenerator implements SchemaGenerator {
  /** SQLite cannot add a constraint to an existing table, but lets a table reference one not created yet. */
  protected readonly inlineForeignKeys: boolean = false;

  constructor(protected readonly quote: (name: string) => string) {}

  createTable(meta: EntityMetadata): string[] {
    const columns = meta.properties.map((p) => this.columnDefinition(p));
    if (this.inlineForeignKeys) columns.push(...meta.foreignKeys.map((fk) => this.foreignKeyClause(entityForeignKey(meta, fk))));
    const statements = [`create table ${this.quote(meta.table)} (${columns.join(', ')})`];
    for (const index of meta.indexes) statements.push(this.createIndex(meta.table, index.name, index.columns, index.unique));
    for (const relation of meta.pivots) statements.push(...this.createPivot(relation.pivot as PivotMetadata, meta, relation.target));
    return statements;
  }

  createForeignKeys(meta: EntityMetadata): string[] {
    if (this.inlineForeignKeys) return [];
    const keys = [
      ...meta.foreignKeys.map((fk) => entityForeignKey(meta, fk)),
      ...meta.pivots.flatMap((r) => pivotForeignKeys(r.pivot as PivotMetadata, meta, r.target)),
    ];
    return keys.map((fk) => `alter table ${this.quote(fk.table)} add ${this.foreignKeyClause(fk)}`);
  }

  dropTables(metas: readonly EntityMetadata[]): string[] {
    const tables = metas.flatMap((meta) => [...meta.pivots.map((r) => (r.pivot as PivotMetadata).table), meta.table]);
    return tables.map((table) => `drop table if exists ${this.quote(table)}`);
  }

  /** `(source, target)` primary key, one foreign key per side deleting the link with either row. */
  private createPivot(pivot: PivotMetadata, source: EntityMetadata, target: EntityMetadata): string[] {
    const columns = [pivot.sourceColumn, pivot.targetColumn].map((p) => `${this.quote(p.column)} ${this.columnType(p)} not null`);
    columns.push(`primary key (${this.quote(pivot.sourceColumn.column)}, ${this.quote(pivot.targetColumn.column)})`);
    if (this.inlineForeignKeys) columns.push(...pivotForeignKeys(pivot, source, target).map((fk) => this.foreignKeyClause(fk)));
    return [
      `create table ${this.quote(pivot.table)} (${columns.join(', ')})`,
      this.createIndex(pivot.table, `${pivot.table}_${pivot.targetColumn.column}_index`, [pivot.targetColumn.column], false),
    ];
  }

  private createIndex(table: string, name: string, columns: readonly string[], unique: boolean): string {
    return `create ${unique ? 'unique ' : ''}index ${this.quote(name)} on ${this.quote(table)} (${columns.map((c) => this.quote(c)).join(', ')})`;
  }

  private foreignKeyClause(fk: ForeignKeyDefinition): string {
    const onDelete = fk.onDelete === 'no action' ? '' : ` on delete ${fk.onDelete}`;
    return `constraint ${this.quote(fk.name)} foreign key (${this.quote(fk.column)}) references ${this.quote(fk.references)} (${this.quote(fk.referencesColumn)})${onDelete}`;
  }

  /** The SQL type of a property's column. */
  abstract columnType(property: PropertyMetadata): string;

  /** The whole definition of a database-generated primary key column. */
  protected abstract identityColumn(property: PropertyMetadata): string;

  protected columnDefinition(p: PropertyMetadata): string {
    if (p.primary && p.generation === 'identity') return this.identityColumn(p);
    let sql = `${this.quote(p.column)} ${this.columnType(p)}`;
    if (!p.nullable) sql += ' not null';
    if (p.default !== undefined) sql += ` default ${this.defaultValue(p, p.default)}`;
    if (p.primary) sql += ' primary key';
    if (p.type === 'enum' && p.items) sql += this.enumCheck(p, p.items);
    return sql;
  }

  /** A CHECK that keeps an enum column to its items (numbers on an integer column, text otherwise). */
  protected enumCheck(p: PropertyMetadata, items: readonly (string | number)[]): string {
    const numeric = isNumericEnum(p);
    return ` check (${this.quote(p.column)} in (${items.map((i) => this.literal(numeric ? i : String(i))).join(', ')}))`;
  }

  /** How a column's DEFAULT is written. */
  protected defaultValue(_p: PropertyMetadata, value: string | number | boolean | null): string {
    return this.literal(value);
  }

  /** A default value or enum item as a SQL literal (DDL has no bound parameters), escaped. */
  protected literal(value: string | number | boolean | null): string {
    if (value === null) return 'null';
    // Discovery admits only finite numbers here.
    if (typeof value === 'number') return String(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return `'${value.replace(/'/g, "''")}'`;
  }
}

function entityForeignKey(meta: EntityMetadata, fk: ForeignKeyMetadata): ForeignKeyDefinition {
  return {
    name: fk.name,
    table: meta.table,
    column: fk.column.column,
    references: fk.target.table,
    referencesColumn: fk.target.primaryKey.column,
    onDelete: fk.onDelete,
  };
}

function pivotForeignKeys(pivot: PivotMetadata, source: EntityMetadata, target: EntityMetadata): (ForeignKeyDefinition)[] {
  return [
    [pivot.sourceColumn, source],
    [pivot.targetColumn, target],
  ].map(([column, meta]) => {
    const name = (column as PropertyMetadata).column;
    const entity = meta as EntityMetadata;
    return {
      name: `${pivot.table}_${name}_foreign`,
      table: pivot.table,
      column: name,
      references: entity.table,
      referencesColumn: entity.primaryKey.column,
      onDelete: 'cascade' as const,
    };
  });
}

import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import { isNumericEnum } from '../metadata/enum-items';
import type { SchemaGenerator } from './dialect';

/**
 * DDL from metadata, shared by the SQL dialects: `create table` with one definition per column, then one
 * `create [unique] index` per index. Dialects say how each type, identity key and literal is written.
 */
export abstract class SqlSchemaGenerator implements SchemaGenerator {
  constructor(protected readonly quote: (name: string) => string) {}

  createTable(meta: EntityMetadata): string[] {
    const columns = meta.properties.map((p) => this.columnDefinition(p));
    const statements = [`create table ${this.quote(meta.table)} (${columns.join(', ')})`];
    for (const index of meta.indexes) {
      statements.push(
        `create ${index.unique ? 'unique ' : ''}index ${this.quote(index.name)} on ${this.quote(meta.table)} ` +
          `(${index.columns.map((c) => this.quote(c)).join(', ')})`,
      );
    }
    return statements;
  }

  dropTable(meta: EntityMetadata): string[] {
    return [`drop table if exists ${this.quote(meta.table)}`];
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

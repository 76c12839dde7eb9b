import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { SqlSchemaGenerator } from '../sql-schema-generator';
import { sqliteColumnType } from './sqlite-types';

export class SqliteSchema extends SqlSchemaGenerator {
  protected override readonly inlineForeignKeys = true;

  // Foreign keys are checked at commit instead, so that tables referencing each other drop in any order.
  override dropTables(metas: readonly EntityMetadata[]): string[] {
    return ['pragma defer_foreign_keys = on', ...super.dropTables(metas)];
  }

  columnType(property: PropertyMetadata): string {
    return sqliteColumnType(property);
  }

  // AUTOINCREMENT: ids of deleted rows are never handed out again.
  protected identityColumn(property: PropertyMetadata): string {
    return `${this.quote(property.column)} integer not null primary key autoincrement`;
  }

  protected override literal(value: string | number | boolean | null): string {
    return typeof value === 'boolean' ? (value ? '1' : '0') : super.literal(value);
  }
}

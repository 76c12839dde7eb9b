import type { PropertyMetadata } from '../../metadata/property-metadata';
import { SqlSchemaGenerator } from '../sql-schema-generator';
import { sqliteColumnType } from './sqlite-types';

export class SqliteSchema extends SqlSchemaGenerator {
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

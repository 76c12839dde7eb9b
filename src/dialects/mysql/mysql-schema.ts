import type { PropertyMetadata } from '../../metadata/property-metadata';
import { SqlSchemaGenerator } from '../sql-schema-generator';
import { mysqlColumnType } from './mysql-types';

export class MysqlSchema extends SqlSchemaGenerator {
  columnType(property: PropertyMetadata): string {
    return mysqlColumnType(property, (v) => this.literal(v));
  }

  protected identityColumn(property: PropertyMetadata): string {
    return `${this.quote(property.column)} ${this.columnType(property)} not null auto_increment primary key`;
  }

  // The native ENUM type already restricts the values.
  protected override enumCheck(): string {
    return '';
  }

  protected override literal(value: string | number | boolean | null): string {
    // Backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES.
    return typeof value === 'string' ? super.literal(value.replace(/\\/g, '\\\\')) : super.literal(value);
  }
}

import type { EntityMetadata } from '../../metadata/entity-metadata';
import { isNumericEnum } from '../../metadata/enum-items';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { SqlSchemaGenerator } from '../sql-schema-generator';
import { mysqlColumnType } from './mysql-types';

export class MysqlSchema extends SqlSchemaGenerator {
  // The session stops checking foreign keys while the tables go, so that their order does not matter.
  override dropTables(metas: readonly EntityMetadata[]): string[] {
    return ['set foreign_key_checks = 0', ...super.dropTables(metas), 'set foreign_key_checks = 1'];
  }

  columnType(property: PropertyMetadata): string {
    return mysqlColumnType(property, (v) => this.literal(v));
  }

  protected identityColumn(property: PropertyMetadata): string {
    return `${this.quote(property.column)} ${this.columnType(property)} not null auto_increment primary key`;
  }

  // A native ENUM already restricts string items; numeric enums are int columns with a CHECK.
  protected override enumCheck(p: PropertyMetadata, items: readonly (string | number)[]): string {
    return isNumericEnum(p) ? super.enumCheck(p, items) : '';
  }

  // MySQL accepts no literal DEFAULT on TEXT, BLOB or JSON columns, only an expression (8.0.13+, MariaDB 10.2+).
  protected override defaultValue(p: PropertyMetadata, value: string | number | boolean | null): string {
    const literal = super.defaultValue(p, value);
    return p.type === 'text' || p.type === 'json' || p.type === 'blob' ? `(${literal})` : literal;
  }

  protected override literal(value: string | number | boolean | null): string {
    // Backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES.
    return typeof value === 'string' ? super.literal(value.replace(/\\/g, '\\\\')) : super.literal(value);
  }
}

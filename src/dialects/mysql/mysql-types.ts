import type { ValueConverter } from '../../mapper/value-converter';
import { isNumericEnum } from '../../metadata/enum-items';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { bigintAsString, booleanAsInteger, dateAsText, jsonAsText } from '../../sql/value-converters';

/**
 * The driver runs with `timezone: 'Z'` (DATETIME holds UTC), `dateStrings: ['DATE']`, big numbers and
 * decimals as strings, and JSON as text (MariaDB's JSON is a LONGTEXT, so text is the one form both servers
 * share). Booleans are TINYINT(1).
 */
export function mysqlConverterFor(property: PropertyMetadata): ValueConverter | undefined {
  switch (property.type) {
    case 'bigint':
      return bigintAsString;
    case 'boolean':
      return booleanAsInteger;
    case 'date':
      return dateAsText;
    case 'json':
      return jsonAsText;
    default:
      return undefined;
  }
}

export function mysqlColumnType(property: PropertyMetadata, literal: (v: string | number) => string): string {
  switch (property.type) {
    case 'string':
      return `varchar(${property.length})`;
    case 'text':
      return 'text';
    case 'int':
      return 'int';
    case 'bigint':
      return 'bigint';
    case 'float':
      return 'float';
    case 'double':
      return 'double';
    case 'decimal':
      return `decimal(${property.precision}, ${property.scale})`;
    case 'boolean':
      return 'tinyint(1)';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'datetime(3)';
    case 'json':
      return 'json';
    case 'uuid':
      return 'char(36)';
    case 'enum':
      if (isNumericEnum(property)) return 'int';
      return `enum(${(property.items ?? []).map((i) => literal(String(i))).join(', ')})`;
    case 'blob':
      return 'longblob';
  }
}

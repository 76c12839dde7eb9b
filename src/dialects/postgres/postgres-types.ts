import type { ValueConverter } from '../../mapper/value-converter';
import { isNumericEnum } from '../../metadata/enum-items';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { bigintAsString, dateAsText } from '../../sql/value-converters';

/**
 * node-postgres already returns most types in Tessera's JS form (int8 and numeric as strings, timestamptz
 * as Date, jsonb parsed, bytea as Buffer); the driver is told to leave `date` as text. JSON is sent as text:
 * pg would turn a JS array into a PostgreSQL array.
 */
const jsonAsParameter: ValueConverter = Object.freeze({ toDb: (v: unknown) => JSON.stringify(v) });

export function postgresConverterFor(property: PropertyMetadata): ValueConverter | undefined {
  switch (property.type) {
    case 'bigint':
      return bigintAsString;
    case 'date':
      return dateAsText;
    case 'json':
      return jsonAsParameter;
    default:
      return undefined;
  }
}

export function postgresColumnType(property: PropertyMetadata): string {
  switch (property.type) {
    case 'string':
      return `varchar(${property.length})`;
    case 'text':
      return 'text';
    case 'enum':
      return isNumericEnum(property) ? 'integer' : 'text';
    case 'int':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'float':
      return 'real';
    case 'double':
      return 'double precision';
    case 'decimal':
      return `numeric(${property.precision}, ${property.scale})`;
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamptz';
    case 'json':
      return 'jsonb';
    case 'uuid':
      return 'uuid';
    case 'blob':
      return 'bytea';
  }
}

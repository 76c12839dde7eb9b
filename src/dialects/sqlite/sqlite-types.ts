import type { ValueConverter } from '../../mapper/value-converter';
import { isNumericEnum } from '../../metadata/enum-items';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { bigintAsString, booleanAsInteger, dateAsText, integerAsNumber, jsonAsText } from '../../sql/value-converters';

/**
 * SQLite keeps few storage classes, so most types convert. The driver runs with safe integers (every
 * INTEGER comes back as a bigint), which keeps `bigint` columns exact; plain ints become numbers again.
 * Timestamps are ISO-8601 UTC text, which sorts and compares correctly; decimals use NUMERIC affinity
 * (exact to about 15 significant digits) and come back formatted to their scale.
 */
const timestampAsIsoText: ValueConverter = Object.freeze({
  toDb: (v: unknown) => (v instanceof Date ? v.toISOString() : v),
  fromDb: (v: unknown) => new Date(String(v)),
});

const bigintAsInteger: ValueConverter = Object.freeze({
  toDb: (v: unknown) => BigInt(v as string),
  fromDb: bigintAsString.fromDb,
});

const doubleAsNumber: ValueConverter = integerAsNumber;

export function sqliteConverterFor(property: PropertyMetadata): ValueConverter | undefined {
  switch (property.type) {
    case 'int':
      return integerAsNumber;
    case 'bigint':
      return bigintAsInteger;
    case 'float':
    case 'double':
      return doubleAsNumber;
    case 'decimal': {
      const scale = property.scale;
      return {
        toDb: (v: unknown) => String(v),
        fromDb: (v: unknown) => (scale === undefined ? String(v) : Number(v).toFixed(scale)),
      };
    }
    case 'boolean':
      return booleanAsInteger;
    case 'date':
      return dateAsText;
    case 'timestamp':
      return timestampAsIsoText;
    case 'json':
      return jsonAsText;
    case 'enum':
      return isNumericEnum(property) ? integerAsNumber : undefined;
    default:
      return undefined;
  }
}

export function sqliteColumnType(property: PropertyMetadata): string {
  switch (property.type) {
    case 'int':
    case 'bigint':
    case 'boolean':
      return 'integer';
    case 'float':
    case 'double':
      return 'real';
    case 'decimal':
      return `numeric(${property.precision}, ${property.scale})`;
    case 'blob':
      return 'blob';
    case 'enum':
      return isNumericEnum(property) ? 'integer' : 'text';
    case 'string':
      return `varchar(${property.length})`;
    default:
      return 'text';
  }
}

/**
 * The portable column types. Each dialect's type map says how a type is declared in DDL and how its values
 * travel to and from the driver; the JS representation is the same everywhere:
 * string/text/uuid/enum → string, int/float/double → number, bigint → string (exact beyond 2^53),
 * decimal → string (exact), boolean → boolean, date → 'YYYY-MM-DD' string, timestamp → Date,
 * json → any JSON value, blob → Buffer.
 */
export type ColumnType =
  | 'string'
  | 'text'
  | 'int'
  | 'bigint'
  | 'float'
  | 'double'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'json'
  | 'uuid'
  | 'enum'
  | 'blob';

/** Spellings users reach for, mapped to the portable type. */
const ALIASES: Readonly<Record<string, ColumnType>> = {
  string: 'string',
  varchar: 'string',
  text: 'text',
  int: 'int',
  integer: 'int',
  bigint: 'bigint',
  float: 'float',
  real: 'float',
  double: 'double',
  decimal: 'decimal',
  numeric: 'decimal',
  boolean: 'boolean',
  bool: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  datetime: 'timestamp',
  json: 'json',
  uuid: 'uuid',
  enum: 'enum',
  blob: 'blob',
  bytes: 'blob',
};

/** The portable type a user's spelling stands for, or undefined for a type Tessera does not know. */
export function normalizeColumnType(type: string): ColumnType | undefined {
  return ALIASES[type.toLowerCase()];
}

/** The column type TypeScript's emitted `design:type` implies, or undefined where it cannot tell. */
export function inferColumnType(designType: unknown): ColumnType | undefined {
  switch (designType) {
    case String:
      return 'string';
    case Number:
      return 'int';
    case Boolean:
      return 'boolean';
    case Date:
      return 'timestamp';
    case Buffer:
      return 'blob';
    case BigInt:
      return 'bigint';
    default:
      return undefined;
  }
}

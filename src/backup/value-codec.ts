import type { Dialect } from '../dialects/dialect';
import type { ColumnType } from '../metadata/column-type';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { ColumnSchema } from '../sql/schema-model/column-schema';

/** A JSON value as a backup line carries it. */
export type EncodedValue = string | number | boolean | null | { readonly base64: string } | readonly EncodedValue[];

/** One column's values between the driver's form and a backup's. */
export interface ValueCodec {
  /** A value as the source driver returned it → its portable JSON form. */
  encode(value: unknown): EncodedValue;
  /** A portable JSON form → what the target driver takes for this column. */
  decode(value: EncodedValue): unknown;
}

/*
 * The portable form of each type, the same whatever database wrote it (so two backups of equal data are equal
 * byte for byte): string, text, uuid, enum, date ('YYYY-MM-DD') → string; int, float, double → number, or a
 * string for what JSON cannot hold exactly (NaN, ±Infinity, an integer beyond 2^53); bigint, decimal → string;
 * boolean → boolean; timestamp → ISO 8601 UTC with milliseconds; json → its JSON text (so that a JSON null
 * stays apart from SQL NULL); blob → base64. A column of a type Tessera has no name for keeps the driver's
 * string, number or boolean, an array as an array (node-postgres writes it back as a PostgreSQL array), a Buffer
 * as `{ base64 }`, any other object as its JSON text.
 *
 * Values pass through the dialect's converter for the column's portable type first (JS form in, driver form
 * out), so each dialect's storage (booleans as 0/1, JSON and timestamps as text on SQLite) is its own business.
 */

/**
 * The codec of `column` on `dialect`.
 * @example
 * const codec = valueCodec(dialect, { name: 'born', type: 'timestamp' });
 */
export function valueCodec(dialect: Dialect, column: Pick<ColumnSchema, 'name' | 'type' | 'length' | 'precision' | 'scale' | 'items'>): ValueCodec {
  const type = column.type;
  if (type === undefined) return NATIVE;
  const converter = dialect.converterFor(propertyOf(column, type));
  const fromDb = converter?.fromDb ?? identity;
  const toDb = converter?.toDb ?? identity;
  const encode = ENCODERS[type];
  const decode = DECODERS[type];
  // A converter may turn a driver's bigint into a number (SQLite's ints); an integer past 2^53 must stay exact.
  const exact = type === 'int' || type === 'float' || type === 'double';
  return Object.freeze<ValueCodec>({
    encode: (value) => (value === null || value === undefined ? null : exact && typeof value === 'bigint' ? number(value) : encode(fromDb(value))),
    decode: (value) => (value === null ? null : toDb(decode(value))),
  });
}

const identity = (value: unknown) => value;

/** The converter lookup takes a property; a column of a live table is one without an entity. */
function propertyOf(column: Pick<ColumnSchema, 'name' | 'length' | 'precision' | 'scale' | 'items'>, type: ColumnType): PropertyMetadata {
  return {
    name: column.name,
    column: column.name,
    type,
    nullable: true,
    unique: false,
    length: column.length,
    precision: column.precision,
    scale: column.scale,
    items: column.items,
    primary: false,
    generation: 'none',
    version: false,
    index: 0,
  };
}

const text = (value: unknown): EncodedValue => String(value);

function number(value: unknown): EncodedValue {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : String(n);
}

function timestamp(value: unknown): EncodedValue {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

function binary(value: unknown): EncodedValue {
  return (Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array)).toString('base64');
}

const ENCODERS: Readonly<Record<ColumnType, (value: unknown) => EncodedValue>> = {
  string: text,
  text,
  uuid: text,
  enum: (value) => (typeof value === 'number' ? value : String(value)),
  date: text,
  int: number,
  float: number,
  double: number,
  bigint: text,
  decimal: text,
  boolean: (value) => Boolean(value),
  timestamp,
  json: (value) => JSON.stringify(value),
  blob: binary,
};

/** A number, or the string of one JSON cannot hold: NaN and the infinities as numbers, big integers as strings. */
const numeric = (value: EncodedValue): unknown => (typeof value === 'string' && !/^-?\d+$/.test(value) ? Number(value) : value);

const DECODERS: Readonly<Record<ColumnType, (value: EncodedValue) => unknown>> = {
  string: identity,
  text: identity,
  uuid: identity,
  enum: identity,
  date: identity,
  int: numeric,
  float: numeric,
  double: numeric,
  bigint: identity,
  decimal: identity,
  boolean: identity,
  timestamp: (value) => new Date(value as string),
  json: (value) => JSON.parse(value as string),
  blob: (value) => Buffer.from(value as string, 'base64'),
};

function nativeEncode(value: unknown): EncodedValue {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return { base64: value.toString('base64') };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(nativeEncode);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function nativeDecode(value: EncodedValue): unknown {
  if (Array.isArray(value)) return value.map(nativeDecode);
  if (value !== null && typeof value === 'object') return Buffer.from((value as { base64: string }).base64, 'base64');
  return value;
}

const NATIVE: ValueCodec = Object.freeze<ValueCodec>({ encode: nativeEncode, decode: nativeDecode });

import type { Row } from '../mapper/entity-mapper';

/**
 * Rows as the driver returned them ↔ JSON text, exactly: a cached row is hydrated by the same generated function
 * as a database read, so every value must come back as that driver gave it. JSON keeps strings, finite numbers,
 * booleans and null; the rest is tagged: `{ $d: ms }` a Date, `{ $n: '123' }` a bigint, `{ $f: 'NaN' }` a number
 * JSON cannot hold, `{ $b: base64 }` a Buffer, `{ $a: [..] }` an array (each element encoded), `{ $j: value }`
 * an object (a JSON column the driver parsed; its content is JSON already).
 *
 * (`backup/value-codec.ts` encodes a value's portable *JS* form, which a hydrator would convert a second time,
 * and decodes into what a driver *takes*, not what it returns: PostgreSQL's jsonb is sent as text but read as
 * an object; so the cache keeps the driver's own form instead.)
 */
export function encodeValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : { $f: String(value) };
    case 'bigint':
      return { $n: value.toString() };
  }
  if (value instanceof Date) return { $d: value.getTime() };
  if (value instanceof Uint8Array) return { $b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return { $a: value.map(encodeValue) };
  return { $j: value };
}

export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const tagged = value as { $d?: number; $n?: string; $f?: string; $b?: string; $a?: unknown[]; $j?: unknown };
  if (tagged.$d !== undefined) return new Date(tagged.$d);
  if (tagged.$n !== undefined) return BigInt(tagged.$n);
  if (tagged.$f !== undefined) return Number(tagged.$f);
  if (tagged.$b !== undefined) return Buffer.from(tagged.$b, 'base64');
  if (tagged.$a !== undefined) return tagged.$a.map(decodeValue);
  return tagged.$j;
}

/** One row's values for `columns`, in their order. */
export function encodeRow(row: Row, columns: readonly string[]): unknown[] {
  return columns.map((column) => encodeValue(row[column]));
}

/** The row `encodeRow` was given (its `columns`). */
export function decodeRow(values: readonly unknown[], columns: readonly string[]): Row {
  const row: Row = {};
  for (let i = 0; i < columns.length; i++) row[columns[i]] = decodeValue(values[i]);
  return row;
}

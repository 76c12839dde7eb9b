import { QueryError } from '../errors/query-error';

/** One order column of a cursor: the property and its direction. */
export interface CursorKey {
  readonly property: string;
  readonly direction: 'asc' | 'desc';
}

// Typed values travel tagged, so a Date or a bigint comes back as one rather than as a string.
type Encoded = string | number | boolean | { readonly d: string } | { readonly b: string };

function encodeValue(value: unknown): Encoded {
  if (value instanceof Date) return { d: value.toISOString() };
  if (typeof value === 'bigint') return { b: value.toString() };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw QueryError.badCursorValue(typeof value);
}

function decodeValue(value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && value !== null) {
    const { d, b } = value as { d?: unknown; b?: unknown };
    if (typeof d === 'string' && !Number.isNaN(Date.parse(d))) return new Date(d);
    if (typeof b === 'string' && /^-?\d+$/.test(b)) return BigInt(b);
  }
  throw QueryError.badCursor();
}

/**
 * An opaque cursor: base64url of the order keys and the last row's values. The keys travel along so that a
 * cursor made for one ordering is refused by another instead of silently skipping rows.
 */
export function encodeCursor(keys: readonly CursorKey[], values: readonly unknown[]): string {
  const body = { k: keys.map((k) => `${k.property} ${k.direction}`), v: values.map(encodeValue) };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The values of a cursor made by `encodeCursor` for the same keys; anything else is a `QueryError`. */
export function decodeCursor(cursor: unknown, keys: readonly CursorKey[]): unknown[] {
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw QueryError.badCursor();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw QueryError.badCursor();
  }
  const { k, v } = (typeof body === 'object' && body !== null ? body : {}) as { k?: unknown; v?: unknown };
  const expected = keys.map((key) => `${key.property} ${key.direction}`);
  if (!Array.isArray(k) || !Array.isArray(v) || v.length !== keys.length || k.join('|') !== expected.join('|')) {
    throw QueryError.badCursor();
  }
  return v.map(decodeValue);
}

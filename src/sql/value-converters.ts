import type { ValueConverter } from '../mapper/value-converter';

/** Converters more than one dialect uses. */

/** JSON held as text by the database (or handed over as text by the driver). */
export const jsonAsText: ValueConverter = Object.freeze({
  toDb: (v: unknown) => JSON.stringify(v),
  fromDb: (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v),
});

/** Booleans held as 0/1 integers. */
export const booleanAsInteger: ValueConverter = Object.freeze({
  toDb: (v: unknown) => (v ? 1 : 0),
  fromDb: (v: unknown) => Number(v) !== 0,
});

/** 'YYYY-MM-DD' dates; a Date passed in is taken at its UTC day. */
export const dateAsText: ValueConverter = Object.freeze({
  toDb: (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  fromDb: (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)),
});

/** Integers the driver may hand back as bigint or string, wanted as numbers. */
export const integerAsNumber: ValueConverter = Object.freeze({
  fromDb: (v: unknown) => (typeof v === 'number' ? v : Number(v)),
});

/** Big integers as exact strings in JS. */
export const bigintAsString: ValueConverter = Object.freeze({
  toDb: (v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
  fromDb: (v: unknown) => String(v),
});

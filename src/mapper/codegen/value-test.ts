import { isNumericEnum } from '../../metadata/enum-items';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { helperName } from './emitted-function';

/**
 * Which JS values a property accepts, one rule per portable column type, the same on every dialect: values are
 * checked where they leave JS (dehydrate, filters, keys, query-builder writes), so that a dialect's converter only
 * ever converts a valid value and no database gets to coerce, round or truncate one its own way.
 * The rule is a JS expression over `v` (never null or undefined) so that the generated dehydrate can inline it:
 * mostly typeof tests, with a named helper where a type needs more (JSON, 64-bit integers, decimal text, dates).
 */
export interface ValueTest {
  /** An expression over `v`, true when `v` is a valid value of the property. */
  readonly source: string;
  /** The helpers the expression names. */
  readonly helpers: Readonly<Record<string, unknown>>;
  /** What the property accepts, for the error message. */
  readonly expected: string;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;
/** The span every dialect's date and timestamp columns hold: 0001-01-01 to 9999-12-31 (UTC). */
const TIME_MIN = new Date('0001-01-01T00:00:00.000Z').getTime();
const TIME_MAX = new Date('9999-12-31T23:59:59.999Z').getTime();

const INTEGER_TEXT = /^(?:0|-?[1-9]\d{0,18})$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DATE_TEXT = /^(?!0000)\d{4}-\d{2}-\d{2}$/;
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The helpers shared by every property's rule. */
export const valueHelpers = Object.freeze({
  UUID_TEXT,
  /** A JS bigint, a safe integer or the canonical text of an integer, within 64 bits. */
  isInt64(v: unknown): boolean {
    if (typeof v === 'number') return Number.isSafeInteger(v);
    if (typeof v === 'string') {
      if (!INTEGER_TEXT.test(v)) return false;
      if (v.length < 19) return true;
      v = BigInt(v);
    }
    return typeof v === 'bigint' && v >= BIGINT_MIN && v <= BIGINT_MAX;
  },
  /** A finite number or decimal text, with at most `digits` digits before the point. */
  isDecimal(v: unknown, digits: number): boolean {
    if (typeof v === 'number') return Number.isFinite(v) && Math.abs(v) < 10 ** digits;
    if (typeof v !== 'string' || !DECIMAL_TEXT.test(v)) return false;
    const point = v.indexOf('.');
    const whole = (point < 0 ? v : v.slice(0, point)).replace(/^[+-]?0*/, '');
    return whole.length <= digits;
  },
  /** A 'YYYY-MM-DD' text naming a day of the calendar. */
  isDateText(v: string): boolean {
    if (!DATE_TEXT.test(v)) return false;
    // Date.parse rolls 2023-02-30 over to March: the day must survive the round trip.
    const time = Date.parse(v);
    return time === time && new Date(time).toISOString().startsWith(v);
  },
  /** Whether `JSON.stringify` can write the value (no cycle, no BigInt, not a function or undefined). */
  isJson(v: unknown): boolean {
    try {
      return JSON.stringify(v) !== undefined;
    } catch {
      return false;
    }
  },
  /** A string longer in UTF-16 units than `length` may still hold at most `length` characters (code points). */
  fitsLength(v: string, length: number): boolean {
    if (v.length > 2 * length) return false;
    let count = 0;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < v.length) {
        const next = v.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
      if (++count > length) return false;
    }
    return true;
  },
});

const validTime = (v: string) => `${v} instanceof Date && ${v}.getTime() >= ${TIME_MIN} && ${v}.getTime() <= ${TIME_MAX}`;

/** The rule of one property (for a foreign key: its target's key type). */
export function valueTest(property: PropertyMetadata): ValueTest {
  switch (property.type) {
    case 'string': {
      const length = property.length ?? 255;
      return test(`typeof v === 'string' && (v.length <= ${length} || fitsLength(v, ${length}))`, `a string of at most ${length} characters`);
    }
    case 'text':
      return test(`typeof v === 'string'`, 'a string');
    case 'uuid':
      return test(`typeof v === 'string' && UUID_TEXT.test(v)`, 'a lowercase uuid string (8-4-4-4-12 hex digits)');
    case 'int':
      return test(`Number.isInteger(v) && v >= ${INT_MIN} && v <= ${INT_MAX}`, `an integer number from ${INT_MIN} to ${INT_MAX}`);
    case 'float':
    case 'double':
      return test('Number.isFinite(v)', 'a finite number');
    case 'bigint':
      return test('isInt64(v)', 'a 64-bit integer: a bigint, a safe integer number or a string of digits');
    case 'decimal': {
      const digits = (property.precision ?? 10) - (property.scale ?? 0);
      return test(`isDecimal(v, ${digits})`, `a decimal with at most ${digits} digits before the point: a numeric string or a finite number`);
    }
    case 'boolean':
      return test(`typeof v === 'boolean'`, 'true or false');
    case 'date':
      return test(`typeof v === 'string' ? isDateText(v) : ${validTime('v')}`, "a 'YYYY-MM-DD' string or a valid Date (years 1 to 9999)");
    case 'timestamp':
      return test(validTime('v'), 'a valid Date (years 1 to 9999)');
    case 'json':
      return test('isJson(v)', 'a JSON-serialisable value (no cycle, no BigInt)');
    case 'blob':
      return test('v instanceof Uint8Array', 'a Buffer or Uint8Array');
    case 'enum': {
      const items = property.items ?? [];
      const name = helperName('items', property.index, property.name);
      const shown = items.slice(0, 10).map((i) => JSON.stringify(i)).join(', ') + (items.length > 10 ? ', ...' : '');
      const kind = isNumericEnum(property) ? 'number' : 'value';
      return { source: `${name}.has(v)`, helpers: { [name]: new Set(items) }, expected: `one of the ${kind}s ${shown}` };
    }
  }
}

function test(source: string, expected: string): ValueTest {
  return { source, helpers: valueHelpers, expected };
}

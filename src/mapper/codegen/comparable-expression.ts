import type { PropertyMetadata } from '../../metadata/property-metadata';

/**
 * Snapshot and diff compare properties by a primitive "comparable" form, so that a Date, JSON or Buffer
 * replaced by an equal value is not a change, and a mutated one is. A value of the wrong type is its own
 * comparable form (so it differs from any snapshot and the flush's value check reports it), never a throw here.
 */
export const comparableHelpers = Object.freeze({
  toTime: (v: unknown): unknown => (v instanceof Date ? v.getTime() : v),
  toJson(v: unknown): unknown {
    try {
      return JSON.stringify(v);
    } catch {
      return v;
    }
  },
  toBase64: (v: unknown): unknown => (Buffer.isBuffer(v) ? v.toString('base64') : v),
  toText: (v: unknown): unknown => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : v),
});

/** The expression giving the comparable form of `value` (which is not null). */
export function comparableExpression(property: PropertyMetadata, value: string): string {
  switch (property.type) {
    case 'timestamp':
      return `toTime(${value})`;
    case 'json':
      return `toJson(${value})`;
    case 'blob':
      return `toBase64(${value})`;
    case 'bigint':
    case 'decimal':
      return `toText(${value})`;
    default:
      return value;
  }
}

/** Whether the comparable form is the value itself (no helper call, no null check needed). */
export function isComparableAsIs(property: PropertyMetadata): boolean {
  return comparableExpression(property, 'v') === 'v';
}

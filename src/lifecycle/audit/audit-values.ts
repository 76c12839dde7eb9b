import type { PropertyMetadata } from '../../metadata/property-metadata';

/**
 * Audit rows hold values in one JSON-safe form on every database, so that `JSON.stringify` keeps them exact and
 * `history()` returns the same thing wherever it runs: a timestamp is its ISO 8601 UTC string, a bigint or decimal
 * its exact string, a blob its base64 string, a to-one relation its target's key; a `date` stays 'YYYY-MM-DD',
 * JSON stays the JSON value, and strings, numbers and booleans are themselves. A missing value is null.
 */

/** A value in its JS form (an entity's property) as audit rows hold it. */
export function auditValue(property: PropertyMetadata, value: unknown): unknown {
  if (value == null) return null;
  switch (property.type) {
    case 'timestamp':
      return value instanceof Date ? value.toISOString() : value;
    case 'bigint':
    case 'decimal':
      return String(value);
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : value;
    default:
      return typeof value === 'bigint' ? String(value) : value;
  }
}

/**
 * A value in a snapshot's comparable form (what the row held before a flush) as audit rows hold it: the snapshot
 * already keeps timestamps as epoch ms and JSON as its text; bigints, decimals, blobs and keys as above.
 */
export function auditValueFromSnapshot(property: PropertyMetadata, value: unknown): unknown {
  if (value == null) return null;
  switch (property.type) {
    case 'timestamp':
      return typeof value === 'number' ? new Date(value).toISOString() : value;
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    default:
      return auditValue(property, value);
  }
}

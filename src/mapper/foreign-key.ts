import type { PropertyMetadata } from '../metadata/property-metadata';
import type { ValueConverter } from './value-converter';

/**
 * A foreign-key value whose target has no key yet (a new entity with a generated key): the flush fills it in
 * once the target's INSERT returned its key.
 */
export class PendingKey {
  constructor(readonly target: object) {}
}

/** The entity behind a to-one value: the value itself, or the entity a `Reference` holds. */
export type TargetOf = (value: object) => object;

/** How a to-one property's value (an entity, a `Reference`, or a bare key in filters) becomes a key. */
export interface ForeignKeyFunctions {
  /** The comparable form for snapshots: the target's key, or the target itself while it has none. */
  readonly comparable: (value: unknown) => unknown;
  /** The driver's form for writes and filters, or a `PendingKey`. */
  readonly toDb: (value: unknown) => unknown;
}

/**
 * `accepts` is the rule of the target's key type: a bare key must pass it, and an object must be a target entity
 * (or a `Reference` to one), whose key its own class checks. `invalid` throws the property's `ValidationError`.
 */
export function foreignKeyFunctions(
  property: PropertyMetadata,
  converter: ValueConverter | undefined,
  targetOf: TargetOf,
  accepts: (key: unknown) => boolean,
  invalid: (value: unknown) => never,
): ForeignKeyFunctions {
  const target = (property.relation as NonNullable<PropertyMetadata['relation']>).target;
  const keyName = target.primaryKey.name;
  const convert = converter?.toDb;
  const textual = property.type === 'bigint';
  const keyOf = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value == null || accepts(value) ? value : invalid(value);
    const entity = targetOf(value);
    return entity instanceof target.class ? (entity as Record<string, unknown>)[keyName] : invalid(value);
  };
  return {
    comparable(value) {
      const key = keyOf(value);
      if (key === undefined) return targetOf(value as object);
      return textual && key !== null ? String(key) : key;
    },
    toDb(value) {
      const key = keyOf(value);
      if (key === undefined) return new PendingKey(targetOf(value as object));
      return convert && key !== null ? convert(key) : key;
    },
  };
}

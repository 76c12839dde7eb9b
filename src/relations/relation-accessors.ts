import type { EntityMetadata } from '../metadata/entity-metadata';
import { isSyncedToOne, relationSlot } from '../metadata/entity-link';
import { syncToOne } from './inverse-sync';
import { unwrapReference } from './reference';

type Bag = Record<string | symbol, unknown>;

/**
 * Turns every bidirectional to-one property of an entity class into an accessor on its prototype, so that
 * assigning it keeps the other side in sync. The value lives in a symbol slot that hydration writes directly
 * (a loaded row is already consistent). Installed at `Orm.init`; installing again is harmless.
 */
export function installRelationAccessors(meta: EntityMetadata): void {
  installToJson(meta);
  for (const relation of meta.relations) {
    if (!isSyncedToOne(relation)) continue;
    const slot = relationSlot(relation.name);
    Object.defineProperty(meta.class.prototype, relation.name, {
      configurable: true,
      enumerable: false,
      get(this: Bag) {
        return this[slot];
      },
      set(this: Bag, value: unknown) {
        const before = this[slot];
        this[slot] = value;
        if (before !== value) syncToOne(this, relation, before, value);
      },
    });
  }
}

/**
 * Class fields compiled with [[Define]] semantics (`useDefineForClassFields`) shadow the prototype's accessors
 * with plain properties; moves such values behind the accessor (syncing the other side) when an entity is persisted.
 */
export function adoptFieldValues(entity: object, meta: EntityMetadata): void {
  for (const relation of meta.relations) {
    if (!isSyncedToOne(relation) || !Object.prototype.hasOwnProperty.call(entity, relation.name)) continue;
    const value = (entity as Bag)[relation.name];
    delete (entity as Bag)[relation.name];
    (entity as Bag)[relation.name] = value;
  }
}

/**
 * `JSON.stringify(entity)` for an entity class with relations (unless the class has its own `toJSON`): its own
 * properties, with every relation written as keys: a to-one as its target's key, a collection as its items' keys.
 * Related entities point back at each other, which JSON cannot write, and accessor-backed properties would
 * otherwise be missing.
 */
function installToJson(meta: EntityMetadata): void {
  const proto = meta.class.prototype as Bag;
  const existing = proto.toJSON;
  // A class's own toJSON wins; ours (from an earlier Orm.init) is replaced.
  if (meta.relations.length === 0 || (typeof existing === 'function' && !(existing as { tessera?: boolean }).tessera)) return;
  const toOne = meta.relations.filter((r) => !r.toMany);
  const toJSON = function (this: Bag) {
    const out: Bag = { ...this };
    for (const relation of toOne) {
      const target = unwrapReference(this[relation.name]);
      out[relation.name] = target ? (target as Bag)[relation.target.primaryKey.name] : this[relation.name];
    }
    return out;
  };
  Object.defineProperty(toJSON, 'tessera', { value: true });
  Object.defineProperty(proto, 'toJSON', { value: toJSON, configurable: true, writable: true, enumerable: false });
}

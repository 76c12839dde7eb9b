import type { EntityMetadata } from './entity-metadata';
import type { RelationMetadata } from './relation-metadata';

const METADATA = Symbol('tessera.metadata');

/**
 * @internal Lets an entity instance find its relations' metadata without an Orm at hand (a `Collection` syncing
 * the other side, a `Reference` reading its key). Set on the class prototype at discovery; relation names and
 * kinds do not depend on the Orm, only column names do, and nothing reached through here uses those.
 */
export function linkMetadata(meta: EntityMetadata): void {
  Object.defineProperty(meta.class.prototype, METADATA, { value: meta, configurable: true, writable: true });
}

/** @internal The metadata linked to an entity's class, if it is an entity. */
export function linkedMetadata(entity: object): EntityMetadata | undefined {
  return (entity as { [METADATA]?: EntityMetadata })[METADATA];
}

/** @internal The hidden slot behind a to-one property that keeps its other side in sync through an accessor. */
export function relationSlot(name: string): symbol {
  return Symbol.for(`tessera.relation.${name}`);
}

/**
 * @internal Whether a to-one property is an accessor on the prototype (its value in `relationSlot(name)`): true
 * where assigning it must update the other side (`book.author = a` adds `book` to `a.books`).
 */
export function isSyncedToOne(relation: RelationMetadata): boolean {
  return !relation.toMany && relation.inverse !== undefined;
}

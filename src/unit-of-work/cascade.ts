import { ValidationError } from '../errors/validation-error';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import type { CollectionInternals } from '../relations/collection';
import { isCollection } from '../relations/collection';
import { unwrapReference } from '../relations/reference';
import type { EntityEntry, IdentityMap } from './identity-map';

/** What cascading needs from the unit of work. */
export interface CascadeHost {
  readonly identityMap: IdentityMap;
  persist(entity: object): void;
  /** `hard`: deleted even where its class soft-deletes (a hard-deleted parent's children are too). */
  remove(entity: object, hard?: boolean): void;
  /** Loads unloaded collections (a removed parent's children must be known to be removed). */
  loadCollections(collections: readonly CollectionInternals[]): Promise<void>;
}

type Bag = Record<string, unknown>;

/**
 * The first step of a flush: carries persist along relations declaring it (a new entity reachable from a
 * managed one is persisted; without the cascade that is a `ValidationError`, as it would be lost), then remove
 * along relations declaring it (loading a removed parent's unloaded children first), and deletes orphans: children
 * removed from an `orphanRemoval` collection and not given another parent.
 */
export async function cascade(host: CascadeHost): Promise<void> {
  cascadePersist(host);
  await cascadeRemove(host);
}

function cascadePersist(host: CascadeHost): void {
  const map = host.identityMap;
  const stack: object[] = [];
  for (const [entity, entry] of map.all()) if (entry.state !== 'removed' && entry.meta.relations.length > 0) stack.push(entity);
  const seen = new Set<object>(stack);
  const visit = (meta: EntityMetadata, relation: RelationMetadata, target: object) => {
    if (seen.has(target)) return;
    seen.add(target);
    let entry = map.entryOf(target);
    if (!entry) {
      if (!relation.cascade.includes('persist')) throw ValidationError.transientReference(meta.class, relation.name, relation.target.class);
      host.persist(target);
      entry = map.entryOf(target) as EntityEntry;
    }
    if (entry.state !== 'removed') stack.push(target);
  };
  while (stack.length > 0) {
    const entity = stack.pop() as object;
    const { meta } = map.entryOf(entity) as EntityEntry;
    for (const relation of meta.relations) {
      const value = (entity as Bag)[relation.name];
      if (value == null) continue;
      if (!relation.toMany) {
        const target = unwrapReference(value);
        // A bare key or any other object in a to-one would be persisted as an entity: name the property instead.
        if (!(target instanceof relation.target.class)) throw ValidationError.badValue(meta.class, relation.name, `a ${relation.target.name} or a Reference to one`, value);
        visit(meta, relation, target);
      }
      else if (isCollection(value)) for (const target of value.known) visit(meta, relation, target);
    }
  }
}

async function cascadeRemove(host: CascadeHost): Promise<void> {
  const map = host.identityMap;
  let wave: object[] = [];
  for (const [entity, entry] of map.all()) {
    if (entry.state === 'removed') wave.push(entity);
    else for (const relation of entry.meta.toMany) if (relation.orphanRemoval) wave.push(...orphansOf(entity, relation, host));
  }
  const done = new Set<object>();
  while (wave.length > 0) {
    const next: object[] = [];
    const unloaded: CollectionInternals[] = [];
    const removeAlong = (entity: object, relation: RelationMetadata) => {
      const hard = map.entryOf(entity)?.hard === true;
      for (const target of reachable(entity, relation)) {
        const entry = map.entryOf(target);
        if (!entry || (entry.state === 'removed' && (entry.hard || !hard))) continue;
        host.remove(target, hard);
        next.push(target);
      }
    };
    for (const entity of wave) {
      if (done.has(entity)) continue;
      done.add(entity);
      const entry = map.entryOf(entity);
      if (!entry) continue;
      for (const relation of entry.meta.relations) {
        if (!relation.cascade.includes('remove')) continue;
        const value = (entity as Bag)[relation.name];
        if (isCollection(value) && !value.initialized) unloaded.push(value);
        else removeAlong(entity, relation);
      }
    }
    if (unloaded.length > 0) {
      await host.loadCollections(unloaded);
      for (const collection of unloaded) removeAlong(collection.owner, collection.relation);
    }
    wave = next;
  }
}

/** Removed from the collection and not moved to another parent. */
function orphansOf(owner: object, relation: RelationMetadata, host: CascadeHost): object[] {
  const collection = (owner as Bag)[relation.name];
  if (!isCollection(collection) || collection.removed.size === 0) return [];
  const orphans: object[] = [];
  for (const child of collection.removed) {
    const entry = host.identityMap.entryOf(child);
    if (!entry || entry.state === 'removed') continue;
    if (unwrapReference((child as Bag)[relation.inverse as string]) !== undefined) continue;
    host.remove(child);
    orphans.push(child);
  }
  return orphans;
}

/** The entities a relation's value holds in memory: an unloaded collection's added items only. */
function reachable(entity: object, relation: RelationMetadata): Iterable<object> {
  const value = (entity as Bag)[relation.name];
  if (value == null) return [];
  if (!relation.toMany) return [unwrapReference(value) as object];
  return isCollection(value) ? value.known : [];
}

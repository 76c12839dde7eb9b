import { linkedMetadata, relationSlot } from '../metadata/entity-link';
import type { RelationMetadata } from '../metadata/relation-metadata';
import type { CollectionInternals } from './collection';
import { Reference, unwrapReference } from './reference';

type Bag = Record<string | symbol, unknown>;

/**
 * Keeps both sides of a bidirectional relation in memory in agreement: `a.books.add(b)` sets `b.author`,
 * `b.author = a` adds `b` to `a.books` (if `a.books` exists), `author.profile = p` sets `p.author`. Each side
 * changes the other quietly (its slot, or the collection's set), so nothing loops.
 */
export function syncCollectionAdd(owner: object, relation: RelationMetadata, item: object): void {
  if (relation.inverse === undefined) return;
  if (relation.kind === '1:m') {
    const back = relation.target.relationsByName.get(relation.inverse) as RelationMetadata;
    (item as Bag)[relation.inverse] = back.ref ? new Reference(owner) : owner;
  } else {
    collectionOf(item, relation.inverse)?.addQuietly(owner);
  }
}

export function syncCollectionRemove(owner: object, relation: RelationMetadata, item: object): void {
  if (relation.inverse === undefined) return;
  if (relation.kind === '1:m') {
    if (unwrapReference((item as Bag)[relation.inverse]) === owner) (item as Bag)[relation.inverse] = null;
  } else {
    collectionOf(item, relation.inverse)?.removeQuietly(owner);
  }
}

/** A to-one's value changed from `before` to `after` (already stored): move `entity` on the other side. */
export function syncToOne(entity: object, relation: RelationMetadata, before: unknown, after: unknown): void {
  const previous = unwrapReference(before);
  const next = unwrapReference(after);
  if (previous === next || relation.inverse === undefined) return;
  const inverse = relation.inverse;
  if (relation.kind === 'm:1') {
    if (previous) collectionOf(previous, inverse)?.removeQuietly(entity);
    if (next) collectionOf(next, inverse)?.addQuietly(entity);
    return;
  }
  // One-to-one, from either side: the old partner lets go, the new partner's old partner lets go of it.
  const slot = relationSlot(relation.name);
  const otherSlot = relationSlot(inverse);
  if (previous && unwrapReference((previous as Bag)[otherSlot]) === entity) (previous as Bag)[otherSlot] = null;
  if (next) {
    const displaced = unwrapReference((next as Bag)[otherSlot]);
    if (displaced && displaced !== entity) (displaced as Bag)[slot] = null;
    const back = relation.target.relationsByName.get(inverse) as RelationMetadata;
    (next as Bag)[otherSlot] = back.ref ? new Reference(entity) : entity;
  }
}

function collectionOf(entity: object, name: string): CollectionInternals | undefined {
  const value = (entity as Bag)[name];
  return value && linkedMetadata(entity) ? (value as CollectionInternals) : undefined;
}

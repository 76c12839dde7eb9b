import type { RelationMetadata } from '../metadata/relation-metadata';
import { isCollection } from '../relations/collection';
import type { IdentityMap } from './identity-map';

/** A pivot row to insert (`link`) or delete (`unlink`), between a many-to-many's owner and one target. */
export interface LinkChange {
  readonly kind: 'link' | 'unlink';
  readonly relation: RelationMetadata;
  readonly source: object;
  readonly target: object;
}

/**
 * Reads the owning many-to-many collections of the tracked entities: what was added since the last load or
 * flush becomes a link, what was removed an unlink. Replacing a collection (`set`) therefore writes only the
 * difference. A removed owner or target needs no unlink: the pivot's foreign keys delete with it.
 */
export function computeLinkChanges(identityMap: IdentityMap): LinkChange[] {
  const changes: LinkChange[] = [];
  for (const [source, entry] of identityMap.all()) {
    if (entry.meta.pivots.length === 0 || entry.state === 'removed') continue;
    for (const relation of entry.meta.pivots) {
      const collection = (source as Record<string, unknown>)[relation.name];
      if (!isCollection(collection)) continue;
      for (const target of collection.added) {
        if (identityMap.entryOf(target)?.state !== 'removed') changes.push({ kind: 'link', relation, source, target });
      }
      if (entry.state === 'new') continue;
      for (const target of collection.removed) {
        if (identityMap.entryOf(target)?.state === 'managed') changes.push({ kind: 'unlink', relation, source, target });
      }
    }
  }
  return changes;
}

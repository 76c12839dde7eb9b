import type { HydrationContext } from '../mapper/hydration-context';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import { unloadedCollection } from './collection';
import { Reference } from './reference';
import type { RelationLoader } from './relation-loader';

/**
 * Hydration's view of one EntityManager: a foreign key becomes the managed target (a stub holding only its key
 * until loaded; wrapped in a `Reference` for `ref: true`), a to-many relation an unloaded collection bound to
 * the EntityManager's batch loader.
 */
export class RelationContext implements HydrationContext {
  constructor(
    private readonly stub: (meta: EntityMetadata, key: unknown) => object,
    readonly loader: RelationLoader | undefined,
  ) {}

  toOne(relation: RelationMetadata, key: unknown): unknown {
    const target = this.stub(relation.target, key);
    return relation.ref ? new Reference(target, this.loader) : target;
  }

  toMany(owner: object, relation: RelationMetadata): unknown {
    return unloadedCollection(owner, relation, this.loader);
  }
}

import type { RelationMetadata } from '../metadata/relation-metadata';
import type { CollectionInternals } from './collection';

/**
 * @internal How a `Collection` or `Reference` loads itself: implemented by the EntityManager's batch loader,
 * which gathers every request made in the same tick into one query per relation.
 */
export interface RelationLoader {
  /** `via`: the relation the entity is reached through (named by the N+1 detector). */
  loadEntity(entity: object, via?: RelationMetadata): Promise<void>;
  loadCollection(collection: CollectionInternals): Promise<void>;
  /** Loads these collections now (a cascade needs their items), one query per relation. */
  loadCollections(collections: readonly CollectionInternals[]): Promise<void>;
  isLoaded(entity: object): boolean;
}

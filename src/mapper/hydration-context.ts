import type { RelationMetadata } from '../metadata/relation-metadata';

/**
 * What hydration needs from the EntityManager that loads a row: the managed target of a foreign key (a stub
 * holding only its key when not loaded yet) and an unloaded collection for each to-many relation.
 */
export interface HydrationContext {
  toOne(relation: RelationMetadata, key: unknown): unknown;
  toMany(owner: object, relation: RelationMetadata): unknown;
}

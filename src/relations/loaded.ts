import type { RelationKey, RelationTargetOf } from '../query/relation-shape';
import type { Collection, LoadedCollection } from './collection';
import type { LoadedReference, Reference } from './reference';

/**
 * The populate paths of `T`: `'books' | 'books.tags' | 'profile' | ...`, three levels deep (so that cyclic
 * graphs stay finite for the compiler).
 */
export type PopulatePath<T, Depth extends unknown[] = []> = Depth['length'] extends 3
  ? never
  : { [K in RelationKey<T>]: K | `${K}.${PopulatePath<RelationTargetOf<NonNullable<T[K]>>, [...Depth, 1]>}` }[RelationKey<T>];

type Head<P extends string> = P extends `${infer H}.${string}` ? H : P;
type Rest<P extends string, K extends string> = P extends `${K}.${infer R}` ? R : never;

type LoadedValue<V, P extends string> =
  V extends Collection<infer U>
    ? LoadedCollection<Loaded<U, P>>
    : V extends Reference<infer U>
      ? LoadedReference<Loaded<U, P>>
      : Loaded<V, P>;

/**
 * `T` with the relations named by the populate paths `P` loaded: a populated collection is a `LoadedCollection`
 * (so `getItems()` type-checks only there), a populated reference a `LoadedReference` (with `get()`).
 * @example
 * const authors: Loaded<Author, 'books' | 'books.tags'>[] = await em.find(Author, {}, { populate: ['books', 'books.tags'] });
 */
export type Loaded<T, P extends string = never> = [P] extends [never]
  ? T
  : T & { [K in Head<P> & keyof T]: LoadedValue<NonNullable<T[K]>, Rest<P, K & string>> | Extract<T[K], null | undefined> };

/** What to load along with the result. */
export interface PopulateOptions<P extends string> {
  /** Relation paths to load: `['books', 'books.tags']`. */
  populate?: readonly P[];
  /**
   * 'select-in' (the default): one more query per relation level, `where key in (..)`. 'joined': one query
   * with LEFT JOINs, de-duplicated into entities (fewer round trips, wider rows repeated per child).
   */
  strategy?: 'select-in' | 'joined';
}

import { linkedMetadata } from '../metadata/entity-link';
import type { RelationMetadata } from '../metadata/relation-metadata';
import type { RelationLoader } from './relation-loader';

/** The primary key type of an entity with an `id` (what `Reference.id` returns). */
type KeyOf<T> = T extends { id: infer K } ? K : unknown;

/**
 * A lazy handle on a to-one relation (`@ManyToOne(() => Publisher, { ref: true })`): its key is known
 * without a query, the entity is loaded on `load()` (batched with every other load in the same tick).
 * `get()` is on `LoadedReference`, the type a populated or loaded reference has.
 * @example
 * const publisher = await book.publisher?.load();
 */
export interface Reference<T extends object> {
  /** The target's primary key, without loading it. */
  readonly id: KeyOf<T>;
  /** The entity, loaded if it was not (batched with the other loads of this tick). */
  load(): Promise<T>;
  /** The entity as it is now: possibly a stub holding only its key. */
  unwrap(): T;
  isInitialized(): boolean;
  /** The target's key: what `JSON.stringify` writes for a reference. */
  toJSON(): unknown;
}

/** A reference whose entity is loaded. */
export interface LoadedReference<T extends object> extends Reference<T> {
  get(): T;
}

class ReferenceImpl<T extends object> implements LoadedReference<T> {
  /** @internal */
  constructor(
    private readonly entity: T,
    private readonly loader?: RelationLoader,
    /** The relation this handle was hydrated for, if any (the N+1 detector names it). */
    private readonly via?: RelationMetadata,
  ) {}

  get id(): KeyOf<T> {
    const meta = linkedMetadata(this.entity);
    return (this.entity as Record<string, unknown>)[meta?.primaryKey.name ?? 'id'] as KeyOf<T>;
  }

  async load(): Promise<T> {
    if (this.loader && !this.loader.isLoaded(this.entity)) await this.loader.loadEntity(this.entity, this.via);
    return this.entity;
  }

  unwrap(): T {
    return this.entity;
  }

  get(): T {
    return this.entity;
  }

  isInitialized(): boolean {
    return !this.loader || this.loader.isLoaded(this.entity);
  }

  /** `JSON.stringify` writes the key, as the foreign key would be: the handle itself holds the loader. */
  toJSON(): unknown {
    return this.id;
  }
}

/**
 * A reference to an entity, to assign to a `ref: true` relation.
 * @example
 * book.publisher = ref(publisher);
 */
export function ref<T extends object>(entity: T): Reference<T>;
export function ref<T extends object>(entity: T | null): Reference<T> | null;
export function ref<T extends object>(entity: T | null): Reference<T> | null {
  return entity === null ? null : new ReferenceImpl(entity);
}

/** The class behind `Reference` (for `instanceof`); built by hydration and `ref()`. */
// The interface is the public type; the class stays internal so that `get()` needs a loaded type.
export const Reference = ReferenceImpl as unknown as new <T extends object>(entity: T, loader?: RelationLoader, via?: RelationMetadata) => Reference<T>;

/** The entity behind a to-one value (an entity or a `Reference`). */
export function unwrapReference(value: unknown): object | undefined {
  if (value == null) return undefined;
  return value instanceof ReferenceImpl ? value.unwrap() : (value as object);
}

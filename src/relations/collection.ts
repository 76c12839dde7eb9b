import { UsageError } from '../errors/usage-error';
import { linkedMetadata } from '../metadata/entity-link';
import type { RelationMetadata } from '../metadata/relation-metadata';
import type { RelationLoader } from './relation-loader';
import { syncCollectionAdd, syncCollectionRemove } from './inverse-sync';

/**
 * A to-many relation's items. Until it is loaded (populated, or `await init()`), only writes are possible, so
 * its type has no `getItems()`: that is on `LoadedCollection`, which `populate`, `init()` and `isInitialized()`
 * give you.
 * @example
 * @OneToMany(() => Book, (b) => b.author) books = new Collection<Book>(this);
 */
export interface Collection<T extends object> {
  /** Adds items (and sets their side of the relation). */
  add(...items: T[]): void;
  /** Removes items (and clears their side of the relation; with `orphanRemoval` they are deleted at flush). */
  remove(...items: T[]): void;
  /** Loads the items (batched with every other load in the same tick); a loaded collection resolves at once. */
  init(): Promise<LoadedCollection<T>>;
  isInitialized(): this is LoadedCollection<T>;
  /** The items' keys once loaded: what `JSON.stringify` writes for a collection. */
  toJSON(): unknown[] | undefined;
}

/** A collection whose items are in memory. */
export interface LoadedCollection<T extends object> extends Collection<T>, Iterable<T> {
  getItems(): T[];
  /** Makes the items exactly `items`: only the difference is written at flush. */
  set(items: Iterable<T>): void;
  removeAll(): void;
  contains(item: T): boolean;
  count(): number;
  readonly length: number;
}

/** @internal What the unit of work reads and resets. */
export interface CollectionState<T extends object = object> {
  readonly owner: object;
  /** Items added since the last load or flush. */
  readonly added: ReadonlySet<T>;
  /** Items removed since the last load or flush. */
  readonly removed: ReadonlySet<T>;
  readonly initialized: boolean;
}

/** Shared by every collection with nothing added or removed (most of them): a set per collection is costly. */
const NONE: ReadonlySet<never> = new Set<never>();

class CollectionImpl<T extends object> implements LoadedCollection<T>, CollectionState<T> {
  /** Created on first add: most new entities' collections stay empty. */
  private items: Set<T> | undefined;
  private addedItems: Set<T> | undefined;
  private removedItems: Set<T> | undefined;
  private loaded: boolean;
  private relationMeta: RelationMetadata | undefined;
  private loader: RelationLoader | undefined;

  /** A collection created by its owner's constructor is complete: a new entity has no rows pointing at it. */
  constructor(
    readonly owner: object,
    items?: Iterable<T>,
  ) {
    this.loaded = true;
    if (items) for (const item of items) this.add(item);
  }

  get added(): ReadonlySet<T> {
    return this.addedItems ?? NONE;
  }

  get removed(): ReadonlySet<T> {
    return this.removedItems ?? NONE;
  }

  /** @internal What a cascade walks without copying: the items if loaded, else what was added. */
  get known(): ReadonlySet<T> {
    return this.loaded ? (this.items ?? NONE) : this.added;
  }

  get initialized(): boolean {
    return this.loaded;
  }

  add(...items: T[]): void {
    for (const item of items) {
      if (!this.addQuietly(item)) continue;
      syncCollectionAdd(this.owner, this.relation, item);
    }
  }

  remove(...items: T[]): void {
    for (const item of items) {
      if (!this.removeQuietly(item)) continue;
      syncCollectionRemove(this.owner, this.relation, item);
    }
  }

  set(items: Iterable<T>): void {
    const wanted = new Set(items);
    this.remove(...[...this.loadedItems()].filter((i) => !wanted.has(i)));
    this.add(...wanted);
  }

  removeAll(): void {
    this.remove(...this.loadedItems());
  }

  contains(item: T): boolean {
    return this.loadedItems().has(item);
  }

  count(): number {
    return this.loadedItems().size;
  }

  get length(): number {
    return this.count();
  }

  getItems(): T[] {
    return [...this.loadedItems()];
  }

  /**
   * `JSON.stringify` writes the items' keys (nothing while unloaded): items would lead back to their owner
   * through bidirectional relations, which JSON cannot write. Map to DTOs for nested output.
   */
  toJSON(): unknown[] | undefined {
    if (!this.loaded) return undefined;
    return [...(this.items ?? NONE)].map((item) => {
      const key = linkedMetadata(item)?.primaryKey.name ?? 'id';
      return (item as Record<string, unknown>)[key];
    });
  }

  [Symbol.iterator](): Iterator<T> {
    return this.loadedItems()[Symbol.iterator]();
  }

  isInitialized(): this is LoadedCollection<T> {
    return this.loaded;
  }

  async init(): Promise<LoadedCollection<T>> {
    if (this.loaded) return this;
    if (!this.loader) throw UsageError.detachedRelation(this.owner.constructor.name, this.relation.name);
    await this.loader.loadCollection(this);
    return this;
  }

  /** @internal The relation this collection is the value of. */
  get relation(): RelationMetadata {
    if (!this.relationMeta) {
      const meta = linkedMetadata(this.owner);
      const owner = this.owner as Record<string, unknown>;
      this.relationMeta = meta?.toMany.find((r) => owner[r.name] === this);
      if (!this.relationMeta) throw UsageError.detachedRelation(this.owner.constructor.name, 'collection');
    }
    return this.relationMeta;
  }

  /** @internal Makes this the unloaded collection of `relation`, loaded through `loader` (hydration does this). */
  bind(relation: RelationMetadata, loader: RelationLoader | undefined, loaded: boolean): this {
    this.relationMeta = relation;
    this.loader = loader;
    this.loaded = loaded;
    return this;
  }

  /** @internal Fills an unloaded collection with what the database holds, keeping the writes made meanwhile. */
  hydrate(items: Iterable<T>): void {
    if (this.loaded) return;
    // `items` already holds what was added meanwhile.
    for (const item of items) if (!this.removedItems?.has(item)) (this.items ??= new Set()).add(item);
    this.loaded = true;
  }

  /** @internal The current items become the database state (after a flush). */
  commit(): void {
    this.addedItems = undefined;
    this.removedItems = undefined;
  }

  /** @internal Adds without touching the other side; false when already there. */
  addQuietly(item: T): boolean {
    if (this.items?.has(item)) return false;
    (this.items ??= new Set()).add(item);
    if (!this.removedItems?.delete(item)) (this.addedItems ??= new Set()).add(item);
    return true;
  }

  /** @internal Removes without touching the other side; false when not there (an unloaded collection records it). */
  removeQuietly(item: T): boolean {
    if (this.items?.delete(item)) {
      if (!this.addedItems?.delete(item)) (this.removedItems ??= new Set()).add(item);
      return true;
    }
    if (this.loaded || this.removedItems?.has(item)) return false;
    (this.removedItems ??= new Set()).add(item);
    return true;
  }

  private loadedItems(): ReadonlySet<T> {
    if (!this.loaded) throw UsageError.notInitialized(this.owner.constructor.name, this.relation.name);
    return this.items ?? NONE;
  }
}

/** @internal The implementation, for the unit of work and the loaders. */
export type CollectionInternals<T extends object = object> = CollectionImpl<T>;

/**
 * Creates a collection for a relation of `owner`.
 * @example
 * books = new Collection<Book>(this);
 */
// The interface above is the public type; the class stays internal so that `getItems()` needs a loaded type.
export const Collection = CollectionImpl as unknown as new <T extends object>(owner: object, items?: Iterable<T>) => Collection<T>;

/** @internal */
export function isCollection(value: unknown): value is CollectionImpl<object> {
  return value instanceof CollectionImpl;
}

/** @internal The collection hydration gives a loaded entity's to-many relation: not loaded yet. */
export function unloadedCollection(owner: object, relation: RelationMetadata, loader: RelationLoader | undefined): CollectionInternals {
  return new CollectionImpl<object>(owner).bind(relation, loader, false);
}

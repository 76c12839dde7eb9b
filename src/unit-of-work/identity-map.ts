import type { EntityMetadata } from '../metadata/entity-metadata';
import type { Snapshot } from '../mapper/entity-mapper';

/** new: persisted, not yet inserted; managed: in the database as of its snapshot; removed: to be deleted. */
export type EntityState = 'new' | 'managed' | 'removed';

/** What the unit of work knows about one entity instance. */
export interface EntityEntry {
  readonly meta: EntityMetadata;
  state: EntityState;
  /** The primary key (JS form) once known. */
  key: unknown;
  /** Comparable values last read from or written to the database; undefined while new. */
  snapshot: Snapshot | undefined;
  /** Loaded with `fields`: properties absent from the snapshot were never read. */
  partial: boolean;
  /**
   * Which before-write hooks (bits, by the flush's own numbering) ran for it in the flush `hooksFlush`: a flush's
   * hooks mark the entry rather than keep a set, since hashing 10,000 entities into one costs more than the hooks.
   */
  hooksFlush?: object;
  hooksRan?: number;
  /** Removed with `{ hard: true }`: deleted even if its class soft-deletes (and so are its cascaded children). */
  hard?: boolean;
}

/**
 * A new entry with every field present from the start, the optional ones included: entries that later gain a field
 * (a hook mark, a hard remove) would otherwise change shape, and the flush's loops over them would slow down.
 */
export function newEntry(meta: EntityMetadata, state: EntityState, key: unknown, snapshot: Snapshot | undefined, partial: boolean): EntityEntry {
  return { meta, state, key, snapshot, partial, hooksFlush: undefined, hooksRan: 0, hard: undefined };
}

/**
 * `(entity class, primary key) → instance`, so a row loaded twice is one object, plus the entry (state and
 * snapshot) of every entity the unit of work tracks, in the order they became known.
 */
export class IdentityMap {
  private readonly byKey = new Map<EntityMetadata, Map<unknown, object>>();
  private readonly entries = new Map<object, EntityEntry>();
  /**
   * A transaction's clone: the map it was made from, whose EntityManager may load more while the transaction
   * runs (into instances the transaction's entities share, e.g. a collection's items), and what the clone forgot
   * since, so that neither a lookup here nor `adoptLoadedSince` brings those back.
   */
  private origin: IdentityMap | undefined;
  private forgotten: Set<object> | undefined;
  /** How many tracked entities have relations: without any, a flush skips the passes that walk relations. */
  private related = 0;

  get<T extends object>(meta: EntityMetadata<T>, key: unknown): T | undefined {
    return (this.byKey.get(meta)?.get(key) ?? (this.origin && this.pullByKey(meta, key))) as T | undefined;
  }

  entryOf(entity: object): EntityEntry | undefined {
    return this.entries.get(entity) ?? (this.origin && this.pull(entity));
  }

  /** Tracks an entity; one with a key is also findable by it. */
  track(entity: object, entry: EntityEntry): void {
    this.entries.set(entity, entry);
    // Tracking an entity twice over-counts, which only costs a flush a pass it could skip.
    if (entry.meta.relations.length > 0) this.related++;
    if (entry.key !== undefined) this.index(entry.meta, entry.key, entity);
  }

  /** Makes an entity findable by its key (once an insert generated it). */
  index(meta: EntityMetadata, key: unknown, entity: object): void {
    let byKey = this.byKey.get(meta);
    if (!byKey) {
      byKey = new Map();
      this.byKey.set(meta, byKey);
    }
    byKey.set(key, entity);
  }

  /** Forgets an entity (deleted, or a new one removed before it was inserted). */
  detach(entity: object): void {
    const entry = this.entries.get(entity);
    if (!entry) return;
    this.entries.delete(entity);
    if (entry.meta.relations.length > 0) this.related--;
    this.forgotten?.add(entity);
    if (entry.key !== undefined) this.byKey.get(entry.meta)?.delete(entry.key);
  }

  /** How many entities are tracked (pulled from an origin only once looked up). */
  get size(): number {
    return this.entries.size;
  }

  /** Whether any tracked entity's class has relations (an entity pulled from an origin counts once looked up). */
  get holdsRelated(): boolean {
    return this.related > 0;
  }

  all(): IterableIterator<[object, EntityEntry]> {
    return this.entries.entries();
  }

  /**
   * Calls `visit` for every tracked entity, in tracking order. The flush's passes over every entity use this:
   * Map's own forEach allocates nothing per entry and is fast from its first call, where a for-of over `all()`
   * allocates an [entity, entry] pair per entity until the loop is optimised (a first flush of 100,000 managed
   * entities spent most of its time there).
   */
  forEach(visit: (entry: EntityEntry, entity: object) => void): void {
    this.entries.forEach(visit);
  }

  /** A copy with copied entries and the same instances, for a transaction that may be rolled back. */
  clone(): IdentityMap {
    const copy = new IdentityMap();
    for (const [entity, entry] of this.entries) copy.track(entity, { ...entry });
    copy.origin = this;
    copy.forgotten = new Set();
    return copy;
  }

  /**
   * Tracks what `original` (the map this clone was made from) came to track after the clone: entities its
   * EntityManager loaded outside the transaction while the transaction ran. A key this map holds wins.
   */
  adoptLoadedSince(original: IdentityMap): void {
    for (const [entity, entry] of original.entries) {
      if (this.entries.has(entity) || this.forgotten?.has(entity)) continue;
      if (entry.key === undefined || this.get(entry.meta, entry.key) === undefined) this.track(entity, entry);
    }
    // This map takes `original`'s place: what `original` forgot since its own clone stays forgotten, and a map
    // that is no clone (an EntityManager's outside any transaction) need not remember anything.
    this.origin = original.origin;
    if (!original.forgotten) this.forgotten = undefined;
    else for (const entity of original.forgotten) this.forgotten?.add(entity);
  }

  /** What the origin came to track since the clone, tracked here too (a copy of its entry) on first lookup. */
  private pull(entity: object): EntityEntry | undefined {
    if (this.forgotten?.has(entity)) return undefined;
    const entry = this.origin?.entryOf(entity);
    if (!entry || (entry.key !== undefined && this.byKey.get(entry.meta)?.has(entry.key))) return undefined;
    const copy = { ...entry };
    this.track(entity, copy);
    return copy;
  }

  private pullByKey(meta: EntityMetadata, key: unknown): object | undefined {
    const entity = this.origin?.get(meta, key);
    return entity && this.pull(entity) ? entity : undefined;
  }

  clear(): void {
    if (this.forgotten) for (const entity of this.entries.keys()) this.forgotten.add(entity);
    this.byKey.clear();
    this.entries.clear();
    this.related = 0;
  }
}

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
}

/**
 * `(entity class, primary key) → instance`, so a row loaded twice is one object, plus the entry (state and
 * snapshot) of every entity the unit of work tracks, in the order they became known.
 */
export class IdentityMap {
  private readonly byKey = new Map<EntityMetadata, Map<unknown, object>>();
  private readonly entries = new Map<object, EntityEntry>();

  get<T extends object>(meta: EntityMetadata<T>, key: unknown): T | undefined {
    return this.byKey.get(meta)?.get(key) as T | undefined;
  }

  entryOf(entity: object): EntityEntry | undefined {
    return this.entries.get(entity);
  }

  /** Tracks an entity; one with a key is also findable by it. */
  track(entity: object, entry: EntityEntry): void {
    this.entries.set(entity, entry);
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
    if (entry.key !== undefined) this.byKey.get(entry.meta)?.delete(entry.key);
  }

  all(): IterableIterator<[object, EntityEntry]> {
    return this.entries.entries();
  }

  /** A copy with copied entries and the same instances, for a transaction that may be rolled back. */
  clone(): IdentityMap {
    const copy = new IdentityMap();
    for (const [entity, entry] of this.entries) copy.track(entity, { ...entry });
    return copy;
  }

  clear(): void {
    this.byKey.clear();
    this.entries.clear();
  }
}

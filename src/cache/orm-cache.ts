import { CommitOutcomeUnknownError } from '../errors/driver-error';
import { UsageError } from '../errors/usage-error';
import type { TableWrites } from '../events/commit-record';
import type { EventBus } from '../events/event-bus';
import type { CommitEvents } from '../events/lifecycle-events';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityClass, EntityMetadata } from '../metadata/entity-metadata';
import type { MetadataStorage } from '../metadata/metadata-storage';
import { CacheMeter } from './cache-meter';
import type { CacheOptions, CacheStats } from './cache-options';
import type { CacheStore } from './cache-store';
import { EntityCache, entityTag } from './entity-cache';
import { MemoryStore } from './memory-store';
import { RedisStore, type RedisCacheConstructor } from './redis-store';
import { ResultCache, resultTag } from './result-cache';

/**
 * `orm.cache`: the entity and result caches of one Orm over one store, invalidated after every outermost commit
 * (and after a commit whose outcome is unknown, as if it committed) by exactly what it wrote. Without the `cache`
 * option it holds nothing and every method is a no-op.
 */
export class OrmCache {
  /** The loader's port (undefined without a store). */
  readonly entities: EntityCache | undefined;
  readonly results: ResultCache | undefined;
  private readonly meter = new CacheMeter();
  private readonly cachedByTable = new Map<string, EntityMetadata>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly metadata: MetadataStorage,
    private readonly store: CacheStore | undefined,
    mappers: MapperRegistry,
    events: EventBus<CommitEvents>,
  ) {
    if (!store) return;
    this.entities = new EntityCache(store, mappers, this.meter);
    this.results = new ResultCache(store, this.meter);
    for (const meta of metadata.all) if (meta.cacheTtlMs !== undefined) this.cachedByTable.set(meta.table, meta);
    // Awaited by the commit: a flush or transaction returns once what it wrote is out of the cache.
    this.unsubscribe.push(
      events.on('afterCommit', ({ tables }) => this.drop(tables), { awaited: true }),
      events.on('afterRollback', ({ tables, error }) => (error instanceof CommitOutcomeUnknownError ? this.drop(tables) : undefined), { awaited: true }),
    );
  }

  /**
   * Drops every cached entity of the class and every cached result reading its table (or the table named): for
   * writes Tessera does not see, such as `em.sql` or another application.
   * @example
   * await em.sql`update books set price = price * 1.1`; await orm.cache.invalidate(Book);
   */
  async invalidate(target: EntityClass | string): Promise<void> {
    const table = typeof target === 'string' ? target : this.metadata.get(target).table;
    await this.dropTags([entityTag(table), resultTag(table)]);
  }

  /**
   * Drops every entry of this Orm's cache (on Redis, of every process sharing its prefix): after a schema
   * change, a restore, or raw writes to many tables.
   * @example
   * await orm.schema.create(); await orm.cache.clear();
   */
  async clear(): Promise<void> {
    if (!this.store) return;
    try {
      await this.store.clear();
      this.meter.succeeded();
    } catch (error) {
      this.meter.failed(error);
    }
  }

  /**
   * Counters since the Orm started: `{ hits, misses, sets, invalidations, errors }`.
   * @example
   * const { hits, misses } = orm.cache.stats();
   */
  stats(): CacheStats {
    return this.meter.stats();
  }

  /** @internal */
  async close(): Promise<void> {
    this.unsubscribe.forEach((off) => off());
    await this.store?.close();
  }

  /** What a commit wrote: its cached entities updated or deleted, bulk-written classes, results on its tables. */
  private async drop(tables: readonly TableWrites[]): Promise<void> {
    const keys: string[] = [];
    const tags: string[] = [];
    for (const writes of tables) {
      tags.push(resultTag(writes.table));
      const meta = this.cachedByTable.get(writes.table);
      if (!meta || !this.entities) continue;
      if (writes.bulk.length > 0) tags.push(entityTag(writes.table));
      for (const { key } of writes.updated) keys.push(this.entities.keyOf(meta, key));
      for (const key of writes.deleted) keys.push(this.entities.keyOf(meta, key));
    }
    if (!this.store || (keys.length === 0 && tags.length === 0)) return;
    this.results?.forget(new Set(tags));
    try {
      await this.store.invalidate(keys, tags);
      this.meter.invalidations += keys.length + tags.length;
      this.meter.succeeded();
    } catch (error) {
      this.meter.failed(error);
    }
  }

  private async dropTags(tags: readonly string[]): Promise<void> {
    if (!this.store) return;
    this.results?.forget(new Set(tags));
    try {
      await this.store.invalidate([], tags);
      this.meter.invalidations += tags.length;
      this.meter.succeeded();
    } catch (error) {
      this.meter.failed(error);
    }
  }
}

/** The store of the `cache` option (Redis waits up to a second for its first connection). */
export async function openCacheStore(options: CacheOptions | undefined, loadRedis: () => RedisCacheConstructor): Promise<CacheStore | undefined> {
  if (options === undefined) return undefined;
  if (options.store === 'memory') return new MemoryStore(options.maxEntries);
  if (options.store === 'redis' && options.redis !== undefined) {
    const store = new RedisStore(loadRedis(), options.redis, options.prefix ?? 'tessera:', options.commandTimeoutMs ?? 250);
    await store.ready(1000);
    return store;
  }
  throw UsageError.badCacheStore((options as { store?: unknown }).store);
}

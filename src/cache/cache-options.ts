/** ioredis's options (a client of its own is opened from them). */
export type RedisCacheConnection = string | { readonly [option: string]: unknown };

/**
 * `Orm.init({ cache })`: where the second-level entity cache (`@Entity({ cache: { ttl } })`) and the result cache
 * (`find(.., { cache })`, `qb.cache(..)`) keep their entries. See docs/caching.md.
 * @example
 * cache: { store: 'memory' }
 * cache: { store: 'redis', redis: 'redis://127.0.0.1:6379', prefix: 'app:' }
 */
export type CacheOptions = MemoryCacheOptions | RedisCacheOptions;

/** An LRU in this process: the embedded default. Right for one process; several processes need Redis. */
export interface MemoryCacheOptions {
  readonly store: 'memory';
  /** Most entries kept (least recently used go first). Default 10,000. */
  readonly maxEntries?: number;
}

/** Redis through ioredis (an optional peer: `npm install ioredis`), shared by every process using `prefix`. */
export interface RedisCacheOptions {
  readonly store: 'redis';
  /** A URL (`redis://host:6379/0`) or ioredis options. */
  readonly redis: RedisCacheConnection;
  /** Put before every key Tessera writes (default `tessera:`); give each application (and test) its own. */
  readonly prefix?: string;
  /** Longest a cache command may take before the read goes to the database instead, in ms. Default 250. */
  readonly commandTimeoutMs?: number;
}

/** `orm.cache.stats()`: counters since the Orm started. */
export interface CacheStats {
  /** Entities and query results served from the cache. */
  readonly hits: number;
  /** Entities and query results looked for and not found (read from the database). */
  readonly misses: number;
  /** Entries written to the cache. */
  readonly sets: number;
  /** Entities and table tags dropped by commits and `orm.cache.invalidate`. */
  readonly invalidations: number;
  /** Cache commands that failed (the read went to the database; the flush went on). */
  readonly errors: number;
}

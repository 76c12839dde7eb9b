import type { CacheStats } from './cache-options';

/**
 * `orm.cache.stats()` as metric families for `orm.metrics()`. Plain objects of the metrics' shape: the cache
 * needs nothing from the observability room, which collects them only when metrics are scraped.
 */
export function cacheMetrics(stats: CacheStats) {
  const counter = (name: string, help: string, value: number) => ({ name, help, type: 'counter' as const, samples: [{ labels: {}, value }] });
  return [
    counter('tessera_cache_hits_total', 'Entities and query results served from the cache.', stats.hits),
    counter('tessera_cache_misses_total', 'Cache lookups that found nothing and read the database.', stats.misses),
    counter('tessera_cache_sets_total', 'Entries written to the cache.', stats.sets),
    counter('tessera_cache_invalidations_total', 'Keys and tags invalidated after commits.', stats.invalidations),
    counter('tessera_cache_errors_total', 'Cache store commands that failed (the database was read instead).', stats.errors),
  ];
}

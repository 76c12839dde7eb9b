/**
 * `cache` of `em.find`/`em.findOne` and `qb.cache(..)`: keep the query's result for `ttl` seconds (a number is the
 * ttl), under the compiled statement and its parameters, or under `key` when given (see docs/caching.md).
 */
export type ResultCacheOption = number | { readonly ttl: number; readonly key?: string };

import type { Row } from '../mapper/entity-mapper';
import type { EntityMetadata } from '../metadata/entity-metadata';

/**
 * The second-level entity cache as the loader sees it (`cache/entity-cache.ts` implements it): the loader asks it
 * for the rows of a class with `@Entity({ cache })` when no read filter applies and no transaction is open.
 */
export interface LoadCache {
  /**
   * The rows (driver form) of `meta` with these keys (JS form) that exist: the cached ones from the cache, the
   * others from `fetch` in one call (then kept in the cache).
   */
  rows(meta: EntityMetadata, keys: readonly unknown[], fetch: (keys: readonly unknown[]) => Promise<Row[]>): Promise<Row[]>;
}

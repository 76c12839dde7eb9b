import type { AsyncLocalStorage } from 'node:async_hooks';
import type { Driver } from '../dialects/driver';
import type { FlushExecutor } from '../dialects/flush-executor';
import type { EventBus } from '../events/event-bus';
import type { LifecycleEvents } from '../events/lifecycle-events';
import type { FilterRegistry } from '../lifecycle/filters/filter-registry';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { MetadataStorage } from '../metadata/metadata-storage';
import type { QueryCompiler } from '../query/compiler/query-compiler';
import type { StatementCache } from '../query/statement-cache';
import type { ResultCache } from '../cache/result-cache';
import type { LoadCache } from '../relations/load-cache';
import type { ChangeSet } from '../unit-of-work/change-set';
import type { EntityLifecycle } from '../unit-of-work/entity-lifecycle';
import type { EntityManager } from './entity-manager';

/** @internal The lifecycle events of one Orm: the session is the flushing EntityManager. */
export type OrmLifecycleEvents = LifecycleEvents<EntityManager, ChangeSet>;

/** @internal What every EntityManager of one Orm shares: built once by `Orm.init`. */
export interface OrmContext {
  readonly metadata: MetadataStorage;
  readonly mappers: MapperRegistry;
  readonly driver: Driver;
  readonly compiler: QueryCompiler;
  /** The dialect's name and its RETURNING capability, for the query builder. */
  readonly dialect: { readonly name: string; readonly supportsReturning: boolean; readonly supportsWriteReturning: boolean };
  /** Templates of the statements sent over and over (lookups by primary key). */
  readonly statements: StatementCache;
  readonly flushExecutor: FlushExecutor;
  /** Most rows one INSERT, UPDATE or DELETE statement carries. */
  readonly batchSize: number;
  /** Most keys one relation load puts in an `in (..)` list. */
  readonly loadChunkSize: number;
  readonly requestContext: AsyncLocalStorage<EntityManager>;
  /** The unit of work's lifecycle events (flushes and outermost commits). */
  readonly events: EventBus<OrmLifecycleEvents>;
  /** Entity hooks and validation; undefined when no entity has a hook and nothing validates. */
  readonly lifecycle: EntityLifecycle | undefined;
  /** The global filters of each entity (`@Filter`, `Orm.init({ filters })`, soft delete). */
  readonly filters: FilterRegistry;
  /** The second-level entity cache (`@Entity({ cache })`), when the `cache` option is set. */
  readonly loadCache?: LoadCache;
  /** The result cache (`find(.., { cache })`, `qb.cache(..)`), when the `cache` option is set. */
  readonly resultCache?: ResultCache;
}

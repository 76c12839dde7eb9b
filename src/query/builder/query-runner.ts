import type { EntityMapper, Row } from '../../mapper/entity-mapper';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { CompiledQuery } from '../compiler/compiled-query';
import type { QueryCompiler } from '../compiler/query-compiler';
import type { ReadFilters } from '../read-filter';
import type { ResultCacheOption } from '../result-cache-option';

/**
 * What a query builder needs from the EntityManager that made it, passed in so that query/ never imports em/:
 * mappers, the dialect's compiler, a connection to read on, and the identity map to merge into.
 */
export interface QueryRunner {
  /** The read filters of the builder's SELECT (its root entity, and relation filters in its where). */
  readonly filters: ReadFilters;
  readonly mappers: { get<T extends object>(meta: EntityMetadata<T>): EntityMapper<T> };
  /** A fresh compiler per call would also do; compilation is synchronous, so a shared one is safe. */
  readonly compiler: QueryCompiler;
  select(query: CompiledQuery): Promise<Row[]>;
  /** `select` through the result cache (`qb.cache(..)`), tagged with the tables the query reads. */
  selectCached(query: CompiledQuery, option: ResultCacheOption, tables: Iterable<string>): Promise<Row[]>;
  /**
   * Runs a write outside the unit of work: its rows (RETURNING) and how many rows it changed. `table` and `kind`
   * say what it wrote, for the commit events (its keys are unknown).
   */
  write(query: CompiledQuery, table: string, kind: 'insert' | 'update' | 'delete' | 'upsert'): Promise<{ readonly rows: readonly Row[]; readonly affectedRows: number }>;
  /** The dialect's name and whether INSERT / UPDATE and DELETE .. RETURNING exist there (capabilities, never a name check). */
  readonly dialect: { readonly name: string; readonly supportsReturning: boolean; readonly supportsWriteReturning: boolean };
  /** A row of every column of `meta` as a managed entity: the one in the identity map if it is there already. */
  merge<T extends object>(meta: EntityMetadata<T>, row: Row): T;
  /** Like `merge`, for a locked read: a managed entity is refreshed from the row, keeping its unflushed changes. */
  mergeLocked<T extends object>(meta: EntityMetadata<T>, row: Row): T;
  /** Whether this runs inside a transaction, where a row lock lasts until commit. */
  readonly inTransaction: boolean;
  /** The rows of `query` a batch at a time, on the EntityManager's connection (held until the stream ends). */
  stream(query: CompiledQuery, batchSize: number): AsyncIterable<Row[]>;
  /** Rows of every column of `meta` as entities no identity map tracks: a streamed batch. */
  detached<T extends object>(meta: EntityMetadata<T>, rows: readonly Row[]): T[];
}

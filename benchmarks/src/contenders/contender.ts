import type { DialectTarget } from '../dialect-target';
import type { AuthorData } from '../graph-data';
import type { ReportQuery, ReportRow } from '../report-data';
import type { ItemData } from '../scenario-data';
import type { BookView, GraphReader, TaggedBookView } from './graph-view';

export type ContenderName = 'raw' | 'tessera' | 'drizzle' | 'mikro-orm' | 'typeorm' | 'tessera-audited' | 'tessera-metrics';

/** The contenders a run has unless BENCH_CONTENDERS names others. */
export const CONTENDER_NAMES: readonly ContenderName[] = ['raw', 'tessera', 'drizzle', 'mikro-orm', 'typeorm'];

/**
 * Variants run only when BENCH_CONTENDERS names them: `tessera-audited` is Tessera with `bench_item` @Audited
 * (every S1/S3/S5 change also writes an audit row), to measure the audit's cost beside plain `tessera`;
 * `tessera-metrics` is Tessera with `metrics: true`, to measure what recording metrics costs.
 */
export const OPT_IN_CONTENDERS: readonly ContenderName[] = ['tessera-audited', 'tessera-metrics'];

/** What the harness reads back from an entity or a raw row to check that the work was done. */
export interface ItemView {
  readonly id: number;
  readonly name: string;
  readonly age: number;
}

/**
 * S2's result: the loaded objects and whatever manages them (an ORM's context with its identity map and snapshots),
 * held by the scenario while it weighs the heap, so the memory figure covers what a managed entity really costs.
 */
export interface LoadedItems {
  readonly items: readonly ItemView[];
  readonly context?: unknown;
}

/** The part of a scenario that is timed; the harness calls it right after the untimed preparation returns. */
export type TimedStep = () => Promise<void>;

/**
 * One way of talking to the database. Every method does its work in a fresh context (a fresh entity-manager fork,
 * a fresh repository call) so no contender reuses an identity map between runs.
 */
export interface Contender {
  readonly name: ContenderName;
  /**
   * Connects to the target; the tables (`bench_item`, `author`, `book`, `tag`, `book_tags` for S6 and S7,
   * `report_author` and `report_book` for S8) already exist and are owned by the harness.
   */
  setup(target: DialectTarget): Promise<void>;
  teardown(): Promise<void>;
  /** S1: inserts all items in one flush and returns them with their generated ids, in input order. */
  insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]>;
  /** S2: loads every row as entities in a fresh context. */
  loadAll(): Promise<LoadedItems>;
  /** S3: loads every row (untimed), then returns the step that adds `ageBump` to every age and flushes. */
  prepareAgeUpdate(ageBump: number): Promise<TimedStep>;
  /** S4: finds each id by primary key, one call and one fresh context per id, in order. */
  findEach(ids: readonly number[]): Promise<readonly ItemView[]>;
  /** S5: loads every row (untimed), then returns the step that removes them all and flushes. */
  prepareRemoveAll(): Promise<TimedStep>;
  /** S6: loads every author with its books and each book's tags populated, in a fresh context. */
  loadGraph(): Promise<GraphReader<TaggedBookView>>;
  /**
   * S7: creates the authors and their books (attached to the author, saved by cascade from it) and saves them all
   * in one flush, one transaction; the reader gives the objects with their generated ids, in input order.
   */
  insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>>;
  /**
   * S8: per author, the count, sum and average price of their books priced at least `minPrice`, for authors with at
   * least `minBooks` such books, by sum descending then id, the first `limit`, as plain rows of numbers. The ORMs
   * go through their query builders.
   */
  report(query: ReportQuery): Promise<readonly ReportRow[]>;
  /**
   * S10: one request-like task: a fresh context, the item found by primary key and, when `write`, its age raised by
   * one and saved (flushed). Runs concurrently with others, on the contender's pool of 10. Returns the item found.
   */
  serveRequest(id: number, write: boolean): Promise<ItemView>;
  /**
   * S11: loads every row into one context (untimed), then returns the step that sets `age` on the rows `ids` and
   * flushes. Absent where there is no identity map to flush (raw does the 10 updates alone).
   */
  prepareSparseUpdate?(ids: readonly number[], age: number): Promise<TimedStep>;
  /**
   * S9: builds S8's query with the query builder and reads its SQL and parameters, `times` times; returns the last
   * SQL. Absent where there is no builder (raw).
   */
  compileReport?(query: ReportQuery, times: number): string;
}

import type { DialectTarget } from '../dialect-target';
import type { ItemData } from '../scenario-data';

export type ContenderName = 'raw' | 'tessera' | 'mikro-orm' | 'typeorm';

export const CONTENDER_NAMES: readonly ContenderName[] = ['raw', 'tessera', 'mikro-orm', 'typeorm'];

/** What the harness reads back from an entity or a raw row to check that the work was done. */
export interface ItemView {
  readonly id: number;
  readonly name: string;
  readonly age: number;
}

/** The part of a scenario that is timed; the harness calls it right after the untimed preparation returns. */
export type TimedStep = () => Promise<void>;

/**
 * One way of talking to the database. Every method does its work in a fresh context (a fresh entity-manager fork,
 * a fresh repository call) so no contender reuses an identity map between runs.
 */
export interface Contender {
  readonly name: ContenderName;
  /** Connects to the target; the table `bench_item` already exists and is owned by the harness. */
  setup(target: DialectTarget): Promise<void>;
  teardown(): Promise<void>;
  /** S1: inserts all items in one flush and returns them with their generated ids, in input order. */
  insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]>;
  /** S2: loads every row as entities in a fresh context. */
  loadAll(): Promise<readonly ItemView[]>;
  /** S3: loads every row (untimed), then returns the step that adds `ageBump` to every age and flushes. */
  prepareAgeUpdate(ageBump: number): Promise<TimedStep>;
  /** S4: finds each id by primary key, one call and one fresh context per id, in order. */
  findEach(ids: readonly number[]): Promise<readonly ItemView[]>;
  /** S5: loads every row (untimed), then returns the step that removes them all and flushes. */
  prepareRemoveAll(): Promise<TimedStep>;
}

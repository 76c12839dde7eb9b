import type { Orm } from '../../src';
import { Counter } from './cache-entities';

/** Rows in a race, and writers; writer w owns rows w + 1, w + 1 + WRITERS, ... (one writer per row). */
export const RACE_ROWS = 8;
export const RACE_WRITERS = 8;

/** The highest version whose flush has returned, per row, as every racer sees it (across processes: Redis). */
export interface AckBoard {
  acknowledge(id: number, version: number): Promise<void>;
  acknowledged(id: number): Promise<number>;
}

export class MemoryAckBoard implements AckBoard {
  private readonly versions = new Map<number, number>();

  async acknowledge(id: number, version: number): Promise<void> {
    this.versions.set(id, Math.max(version, this.versions.get(id) ?? 0));
  }

  async acknowledged(id: number): Promise<number> {
    return this.versions.get(id) ?? 0;
  }
}

export interface RaceTally {
  reads: number;
  /** Reads (by readers, or a writer's own read) that returned a version older than one already acknowledged. */
  staleReads: number;
  writes: number;
  /** The first few stale reads, to say what went wrong. */
  stale: string[];
  /** `orm.cache.stats()` at the end. */
  hits: number;
  misses: number;
  sets: number;
  invalidations: number;
  errors: number;
}

export interface RaceOptions {
  /** The writers this racer runs (indexes below RACE_WRITERS). */
  readonly writers: readonly number[];
  readonly readers: number;
  readonly seconds: number;
  readonly name: string;
}

/** Inserts the race's rows, all at version 0. */
export async function seedCounters(orm: Orm): Promise<void> {
  const em = orm.em.fork();
  for (let id = 1; id <= RACE_ROWS; id++) em.create(Counter, { id, version: 0, owner: `writer ${(id - 1) % RACE_WRITERS}` });
  await em.flush();
}

/**
 * Writers and readers racing on the counters for `seconds`. A writer bumps one of its rows in a fresh fork and
 * flushes, then acknowledges the version; a reader notes the acknowledged version of a row, then reads it in a
 * fresh fork (by key through the entity cache, every 4th read through the result cache) and counts it stale when it
 * is older. Every write goes through a read of the row too, checked the same way.
 */
export async function race(orm: Orm, board: AckBoard, options: RaceOptions): Promise<RaceTally> {
  const tally: RaceTally = { reads: 0, staleReads: 0, writes: 0, stale: [], hits: 0, misses: 0, sets: 0, invalidations: 0, errors: 0 };
  const deadline = Date.now() + options.seconds * 1000;
  const check = async (id: number, acknowledged: number, version: number | undefined, how: string) => {
    tally.reads++;
    if (version !== undefined && version >= acknowledged) return;
    tally.staleReads++;
    if (tally.stale.length < 5) tally.stale.push(`${options.name} ${how} of row ${id}: version ${version} after ${acknowledged} was acknowledged`);
  };

  const writer = async (w: number) => {
    const rows = Array.from({ length: RACE_ROWS / RACE_WRITERS }, (_, i) => w + 1 + i * RACE_WRITERS);
    for (let n = 0; Date.now() < deadline; n++) {
      const id = rows[n % rows.length];
      const acknowledged = await board.acknowledged(id);
      const em = orm.em.fork();
      const row = await em.findOne(Counter, id);
      await check(id, acknowledged, row?.version, 'writer read');
      if (!row) continue;
      row.version = Math.max(row.version, acknowledged) + 1;
      await em.flush();
      tally.writes++;
      await board.acknowledge(id, row.version);
    }
  };

  const reader = async (r: number) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const id = 1 + ((n * 7 + r * 3) % RACE_ROWS);
      const acknowledged = await board.acknowledged(id);
      const em = orm.em.fork();
      if (n % 4 === 3) {
        const [row] = await em.find(Counter, { id }, { cache: 60 });
        await check(id, acknowledged, row?.version, 'result-cache read');
      } else {
        const row = await em.findOne(Counter, id);
        await check(id, acknowledged, row?.version, 'entity-cache read');
      }
    }
  };

  await Promise.all([...options.writers.map(writer), ...Array.from({ length: options.readers }, (_, r) => reader(r))]);
  Object.assign(tally, orm.cache.stats());
  return tally;
}

/** Sums the tallies of several racers. */
export function sumTallies(tallies: readonly RaceTally[]): RaceTally {
  const total: RaceTally = { reads: 0, staleReads: 0, writes: 0, stale: [], hits: 0, misses: 0, sets: 0, invalidations: 0, errors: 0 };
  for (const t of tallies) {
    for (const key of ['reads', 'staleReads', 'writes', 'hits', 'misses', 'sets', 'invalidations', 'errors'] as const) total[key] += t[key];
    total.stale.push(...t.stale);
  }
  return total;
}

/** Cache hits over lookups. */
export function hitRatio(tally: RaceTally): number {
  return tally.hits / Math.max(1, tally.hits + tally.misses);
}

/** How long a race runs: TESSERA_CACHE_RACE_SECONDS (the figure run: 10), else 2 s to keep the suite fast. */
export function raceSeconds(): number {
  return Number(process.env.TESSERA_CACHE_RACE_SECONDS ?? 2);
}

import { createHash } from 'node:crypto';
import type { Row } from '../mapper/entity-mapper';
import type { CompiledQuery } from '../query/compiler/compiled-query';
import type { ResultCacheOption } from '../query/result-cache-option';
import { UsageError } from '../errors/usage-error';
import type { CacheMeter } from './cache-meter';
import type { CacheStore, StoreRead } from './cache-store';
import { decodeRow, encodeRow, encodeValue } from './row-codec';

/** Runs a SELECT (on the EntityManager's connection, or from a recording). */
export type SelectRows = (query: CompiledQuery) => Promise<Row[]>;

/** The tag whose token every cached result that reads `table` carries: dropped by any committed write to it. */
export const resultTag = (table: string): string => `r:${table}`;

/** One statement a cached read ran: its key (SQL and parameters), its columns and its rows' values. */
interface RecordedStatement {
  readonly s: string;
  readonly c: readonly string[];
  readonly r: readonly (readonly unknown[])[];
}

type Recording = RecordedStatement[];

interface Inflight {
  readonly recording: Promise<Recording | undefined>;
  readonly tags: readonly string[];
}

/** A cached read: its store key, the tables it reads, how long it is kept. */
export interface CachedRead {
  readonly key: string;
  readonly tags: readonly string[];
  readonly ttlMs: number;
}

/**
 * The result cache. A cached read (a `find` with its populate, a query builder's SELECT) is run with a select
 * that records every statement's rows (driver form, `row-codec.ts`); the recording is the entry, tagged with
 * every table the read touches. A hit runs the same read again over a select that answers from the recording, so
 * its rows are merged into the identity map like any read's (identity and unflushed changes kept); a statement
 * the recording lacks (the identity map asked for less or more) goes to the database.
 *
 * Concurrent misses of one key in this process share the first one's database read (stampede protection).
 */
export class ResultCache {
  /** The reads running now, by key: a concurrent miss of the same key waits for the first one's recording. */
  private readonly inflight = new Map<string, Inflight>();

  constructor(
    private readonly store: CacheStore,
    private readonly meter: CacheMeter,
  ) {}

  /**
   * The store key and tags of a read whose main statement is `query`, under `option`; `extra` says what else
   * shapes the read (populate paths).
   */
  describe(option: ResultCacheOption, query: CompiledQuery, tables: Iterable<string>, extra = ''): CachedRead {
    const ttl = typeof option === 'number' ? option : option?.ttl;
    if (typeof ttl !== 'number' || !(ttl > 0) || !Number.isFinite(ttl)) throw UsageError.badCacheOption(option);
    const tags = [...new Set(tables)].sort().map(resultTag);
    const hash = createHash('sha1').update(statementKey(query)).update('\u0000').update(extra).update('\u0000').update(tags.join(',')).digest('base64url');
    const key = typeof option === 'object' && option.key !== undefined ? `r:k:${option.key}:${hash.slice(0, 10)}` : `r:q:${hash}`;
    return { key, tags, ttlMs: ttl * 1000 };
  }

  /** Runs `work` for a cached read: over the recording of a hit, or recording its statements on a miss. */
  async run<R>(read: CachedRead, select: SelectRows, work: (select: SelectRows) => Promise<R>): Promise<R> {
    const pending = this.inflight.get(read.key);
    if (pending) {
      const recording = await pending.recording;
      if (recording) this.meter.hits++;
      return work(recording ? replaying(recording, select) : select);
    }
    let settle!: (recording: Recording | undefined) => void;
    const mine: Inflight = { recording: new Promise((resolve) => (settle = resolve)), tags: read.tags };
    this.inflight.set(read.key, mine);
    try {
      const found = await this.lookup(read);
      const cached = found?.values[0];
      if (cached !== undefined) {
        const recording = JSON.parse(cached) as Recording;
        settle(recording);
        this.meter.hits++;
        return await work(replaying(recording, select));
      }
      this.meter.misses++;
      const recording: Recording = [];
      const result = await work(recorder(recording, select));
      settle(recording);
      if (found) await this.save(found, recording, read.ttlMs);
      return result;
    } finally {
      settle(undefined);
      if (this.inflight.get(read.key) === mine) this.inflight.delete(read.key);
    }
  }

  /**
   * A commit wrote these tags' tables: reads running now may have read the rows from before it, so a read that
   * starts from now on must not join them (it runs its own).
   */
  forget(tags: ReadonlySet<string>): void {
    for (const [key, running] of this.inflight) if (running.tags.some((tag) => tags.has(tag))) this.inflight.delete(key);
  }

  private async lookup(read: CachedRead): Promise<StoreRead | undefined> {
    try {
      const found = await this.store.read([read.key], read.tags);
      this.meter.succeeded();
      return found;
    } catch (error) {
      this.meter.failed(error);
      return undefined;
    }
  }

  private async save(found: StoreRead, recording: Recording, ttlMs: number): Promise<void> {
    try {
      this.meter.sets += await this.store.write(found, [{ index: 0, value: JSON.stringify(recording) }], ttlMs);
    } catch (error) {
      this.meter.failed(error);
    }
  }
}

/** A statement's identity: its SQL and its parameters (encoded, so that a Date and its ISO string differ). */
function statementKey(query: CompiledQuery): string {
  return `${query.sql}\u0000${JSON.stringify(query.params.map(encodeValue))}`;
}

/** A select that runs on the database and records each statement's rows. */
function recorder(recording: Recording, select: SelectRows): SelectRows {
  return async (query) => {
    const rows = await select(query);
    const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
    recording.push({ s: statementKey(query), c: columns, r: rows.map((row) => encodeRow(row, columns)) });
    return rows;
  };
}

/** A select that answers from a recording (fresh rows each time), and from the database for what it lacks. */
function replaying(recording: Recording, select: SelectRows): SelectRows {
  const byKey = new Map(recording.map((statement) => [statement.s, statement]));
  return async (query) => {
    const statement = byKey.get(statementKey(query));
    return statement ? statement.r.map((values) => decodeRow(values, statement.c)) : select(query);
  };
}

import { Column, CommitOutcomeUnknownError, Entity, PrimaryKey, type Orm } from '../../src';
import { openRawClient, type RawClient } from './raw-client';
import type { TestDialect } from './test-databases';

/**
 * One row per flush the load makes, told apart by a token made on the client. No unique index: a flush written
 * twice would show as two rows.
 */
@Entity({ table: 'fault_tickets' })
export class FaultTicket {
  @PrimaryKey() id!: number;
  @Column() token!: string;
  @Column({ type: 'int' }) worker!: number;
}

/** One row per worker, changed by every flush of that worker beside its ticket: the two commit together or not at all. */
@Entity({ table: 'fault_counters' })
export class FaultCounter {
  @PrimaryKey() id!: number;
  @Column({ type: 'int' }) worker!: number;
  @Column({ type: 'int' }) flushes!: number;
}

export const FAULT_ENTITIES = [FaultTicket, FaultCounter];

/** An error class a fault may legitimately raise (ConnectionError, QueryTimeoutError, LockWaitTimeoutError). */
export type ErrorClass = abstract new (...args: never[]) => Error;

interface FailedFlush {
  readonly token: string;
  readonly error: unknown;
}

export interface FaultLoadOptions {
  readonly workers?: number;
  /** Flushes every worker sees succeed before `start` resolves (the load is running before the fault). */
  readonly warmFlushes?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A load of request-like workers for fault tests. Each request forks the EntityManager, reads (its last tickets,
 * now and then a stream of them, its counter), changes the counter, creates a ticket with a unique token and flushes. The load records every
 * flush the application was told succeeded and every error, and `violations()` checks them against the database:
 * an acknowledged flush is there exactly once, a failed one wrote nothing (unless its commit outcome is unknown,
 * and then it says so), and every error is one the fault may raise. The checks hold whether or not a failed read
 * is retried, since they count no errors.
 */
export class FaultLoad {
  readonly acknowledged: string[] = [];
  readonly failedFlushes: FailedFlush[] = [];
  readonly failedReads: unknown[] = [];
  /** Unhandled rejections seen while the load ran (a listener on the process). */
  readonly unhandled: unknown[] = [];
  private readonly succeeded: number[];
  private readonly workers: Promise<void>[];
  /** Which workers have returned from their loop. */
  private readonly done: boolean[];
  /** Workers still in a request when `stop()` gave up waiting for them. */
  stuck = 0;
  private readonly onUnhandled = (reason: unknown) => this.unhandled.push(reason);
  private running = true;

  private constructor(
    private readonly orm: Orm,
    count: number,
  ) {
    this.succeeded = new Array<number>(count).fill(0);
    this.done = new Array<boolean>(count).fill(false);
    process.on('unhandledRejection', this.onUnhandled);
    this.workers = Array.from({ length: count }, (_, w) => this.work(w));
  }

  /** Creates the schema, one counter per worker, and starts the workers; resolves once each has flushed `warmFlushes` times. */
  static async start(orm: Orm, options: FaultLoadOptions = {}): Promise<FaultLoad> {
    const count = options.workers ?? 8;
    const em = orm.em.fork();
    for (let worker = 0; worker < count; worker++) em.create(FaultCounter, { worker, flushes: 0 });
    await em.flush();
    const load = new FaultLoad(orm, count);
    await load.untilEachFlushed(options.warmFlushes ?? 3, 20_000);
    return load;
  }

  /**
   * Waits until every worker has seen `count` flushes begun after this call succeed (the pool serves every
   * worker again); returns the ms from the call to the first successful read through the Orm.
   */
  async recovered(count = 2, timeoutMs = 20_000): Promise<number> {
    const from = Date.now();
    const deadline = from + timeoutMs;
    let firstRead: number | undefined;
    while (firstRead === undefined) {
      if (Date.now() > deadline) throw new Error(`no read succeeded within ${timeoutMs} ms of the fault's end`);
      firstRead = await this.orm.em
        .fork()
        .count(FaultCounter)
        .then(
          () => Date.now() - from,
          () => sleep(10).then(() => undefined),
        );
    }
    await this.untilEachFlushed(count, deadline - Date.now());
    return firstRead;
  }

  /**
   * Stops the workers (each finishes its request) and the unhandled-rejection listener. A worker whose request
   * has not ended within `timeoutMs` (a hang) is counted in `stuck`, which `violations()` reports.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.running = false;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(this.workers), timedOut]);
    clearTimeout(timer);
    this.stuck = this.done.filter((done) => !done).length;
    // A rejection is reported on the tick after it is left unhandled.
    await sleep(10);
    process.off('unhandledRejection', this.onUnhandled);
  }

  /**
   * What the database and the errors say went wrong, as readable lines (empty when the fault lost, doubled or
   * mislabelled nothing). `allowed`: the error classes this fault may raise.
   */
  async violations(raw: RawClient, allowed: readonly ErrorClass[]): Promise<string[]> {
    const copies = new Map<string, number>();
    const ticketsOf = new Map<number, number>();
    for (const row of await raw.rows('fault_tickets')) {
      copies.set(String(row.token), (copies.get(String(row.token)) ?? 0) + 1);
      ticketsOf.set(Number(row.worker), (ticketsOf.get(Number(row.worker)) ?? 0) + 1);
    }
    const found: string[] = [];
    for (const token of this.acknowledged) {
      if (copies.get(token) !== 1) found.push(`acknowledged flush ${token} is in the database ${copies.get(token) ?? 0} times`);
    }
    for (const { token, error } of this.failedFlushes) {
      const n = copies.get(token) ?? 0;
      if (n > 1 || (n === 1 && !(error instanceof CommitOutcomeUnknownError))) found.push(`failed flush ${token} (${describe(error)}) wrote ${n} rows`);
    }
    for (const error of [...this.failedFlushes.map((f) => f.error), ...this.failedReads]) {
      if (!allowed.some((type) => error instanceof type)) found.push(`untyped error: ${describe(error)}`);
    }
    for (const row of await raw.rows('fault_counters')) {
      const tickets = ticketsOf.get(Number(row.worker)) ?? 0;
      if (Number(row.flushes) !== tickets) found.push(`worker ${row.worker}: counter says ${row.flushes} flushes, ${tickets} tickets`);
    }
    for (const reason of this.unhandled) found.push(`unhandled rejection: ${describe(reason)}`);
    if (this.stuck > 0) found.push(`${this.stuck} workers still in a request when the load stopped (a hang)`);
    return found;
  }

  private async untilEachFlushed(count: number, timeoutMs: number): Promise<void> {
    const target = this.succeeded.map((n) => n + count);
    const deadline = Date.now() + timeoutMs;
    while (this.succeeded.some((n, w) => n < target[w])) {
      if (Date.now() > deadline) throw new Error(`workers flushed ${this.succeeded.join(', ')} times, wanted ${target.join(', ')}, within ${timeoutMs} ms`);
      await sleep(10);
    }
  }

  private async work(worker: number): Promise<void> {
    for (let n = 0; this.running; n++) {
      // A request arrives from I/O: on SQLite, whose statements settle at once, a loop of promises alone would
      // starve the timers (and the test) for good.
      await new Promise((resolve) => setImmediate(resolve));
      const token = `w${worker}-${n}`;
      const em = this.orm.em.fork();
      let counter: FaultCounter;
      try {
        await em.find(FaultTicket, { worker }, { orderBy: { id: 'desc' }, limit: 3 });
        // Every fourth request also streams its tickets and stops after the first one (a cursor left early).
        if (n % 4 === 0) for await (const ticket of em.stream(FaultTicket, { worker }, { batchSize: 2 })) if (ticket) break;
        counter = await em.findOneOrFail(FaultCounter, { worker });
      } catch (error) {
        this.failedReads.push(error);
        await sleep(10);
        continue;
      }
      counter.flushes += 1;
      em.create(FaultTicket, { token, worker });
      try {
        await em.flush();
        this.acknowledged.push(token);
        this.succeeded[worker]++;
      } catch (error) {
        this.failedFlushes.push({ token, error });
        await sleep(10);
      }
    }
    this.done[worker] = true;
  }
}

/** Waits (polling) until the Orm's pool holds no connection and nobody waits for one; throws past `timeoutMs`. */
export async function untilPoolIdle(orm: Orm, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = orm.poolStats();
    if (stats.used === 0 && stats.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`the pool is not idle ${timeoutMs} ms after the load: ${JSON.stringify(stats)}`);
    await sleep(20);
  }
}

/**
 * The end of a fault test: stops the load, waits for the pool to go idle (polling; a leaked connection is a
 * violation), and returns the violations found in the database at `url` (see `FaultLoad.violations`).
 */
export async function settle(load: FaultLoad, orm: Orm, dialect: TestDialect, url: string, allowed: readonly ErrorClass[]): Promise<string[]> {
  await load.stop();
  const found: string[] = [];
  // A stuck worker holds its connection: that is reported once, as the hang it is.
  if (load.stuck === 0) await untilPoolIdle(orm).catch((error: Error) => found.push(error.message));
  const raw = await openRawClient(dialect, url);
  try {
    return [...found, ...(await load.violations(raw, allowed))];
  } finally {
    await raw.close();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
}

import { Column, CommitOutcomeUnknownError, ConnectionError, Entity, Orm, PrimaryKey } from '../../src';
import { useOwnServer, type OwnServerDialect } from '../support/own-server';
import { openRawClient } from '../support/raw-client';
import { selectedDialects } from '../support/test-databases';

/** One row per acknowledged flush, told apart by a token made on the client (no unique index: doubles would show). */
@Entity({ table: 'restart_tickets' })
class Ticket {
  @PrimaryKey() id!: number;
  @Column() token!: string;
}

const WORKERS = 8;
/** Flushes each worker must see succeed once the server is back. */
const SUCCESSES_AFTER_RESTART = 3;
const DOWN_MS = 2000;
const DEADLINE_MS = 20_000;

interface Failure {
  readonly token: string;
  readonly error: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Issue 10: a server restart under load loses or doubles no flush, and the pool recovers at once.
describe.each(selectedDialects().filter((d): d is OwnServerDialect => d !== 'sqlite'))('%s', (dialect) => {
  const server = useOwnServer(dialect);

  test(`a crash and restart under ${WORKERS} concurrent writers loses or doubles nothing, and the pool recovers within a second`, async () => {
    // The circuit breaker opens while the server is down; its cool-down bounds how soon the pool sees it back.
    const orm = await Orm.init({
      dialect,
      url: server().url,
      entities: [Ticket],
      pool: { min: 0, max: 10, acquireTimeoutMillis: 500 },
      circuitBreaker: { failures: 5, coolDownMs: 500 },
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await orm.schema.create();
      const acknowledged: string[] = [];
      const failed: Failure[] = [];
      const before = new Array<number>(WORKERS).fill(0);
      const after = new Array<number>(WORKERS).fill(0);
      let stoppedAt = Infinity;
      let restartedAt = Infinity;
      let recoveredAt = Infinity;
      const deadline = Date.now() + DEADLINE_MS;

      const worker = async (w: number) => {
        for (let n = 0; Date.now() < deadline && after[w] < SUCCESSES_AFTER_RESTART; n++) {
          const token = `w${w}-${n}`;
          const startedAt = Date.now();
          try {
            const em = orm.em.fork();
            em.create(Ticket, { token });
            await em.flush();
            acknowledged.push(token);
            // Only a flush begun while the server was down shows that the pool came back.
            if (startedAt > stoppedAt) {
              after[w]++;
              recoveredAt = Math.min(recoveredAt, Date.now());
            } else before[w]++;
          } catch (error) {
            failed.push({ token, error });
            await sleep(10);
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));

      while (before.some((n) => n < 5) && Date.now() < deadline) await sleep(20);
      await server().stop({ immediate: true });
      stoppedAt = Date.now();
      await sleep(DOWN_MS);
      await server().start();
      restartedAt = Date.now();
      await Promise.all(workers);

      expect(before.every((n) => n >= 5)).toBe(true);
      expect(after).toEqual(new Array(WORKERS).fill(SUCCESSES_AFTER_RESTART));
      expect(failed.length).toBeGreaterThan(0);

      const raw = await openRawClient(dialect, server().url);
      const copies = new Map<string, number>();
      try {
        for (const row of await raw.rows('restart_tickets')) copies.set(String(row.token), (copies.get(String(row.token)) ?? 0) + 1);
      } finally {
        await raw.close();
      }
      expect(acknowledged.filter((token) => copies.get(token) !== 1)).toEqual([]);
      const explain = ({ token, error }: Failure) => `${token}: ${(error as Error).name}: ${(error as Error).message}`;
      expect(failed.filter((f) => !(f.error instanceof ConnectionError)).map(explain)).toEqual([]);
      expect(failed.filter((f) => copies.has(f.token) && !(f.error instanceof CommitOutcomeUnknownError)).map(explain)).toEqual([]);
      expect(failed.filter((f) => (copies.get(f.token) ?? 0) > 1).map(explain)).toEqual([]);

      expect(recoveredAt - restartedAt).toBeLessThan(1000);
      expect(unhandled).toEqual([]);
      expect(orm.poolStats()).toMatchObject({ used: 0, pending: 0 });
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await orm.close();
    }
  }, 60_000);
});

import { CircuitOpenError, ConnectionError, Orm } from '../../../src';
import { Author } from '../../support/entities';
import { useOwnServer, type OwnServerDialect } from '../../support/own-server';
import { selectedDialects } from '../../support/test-databases';

const FAILURES = 3;
const COOL_DOWN_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a call raised (or undefined when it succeeded). */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

// Issue 15: after N connection attempts in a row failed, calls fail fast (no connection attempt) for a cool-down,
// then one probe closes the breaker again or reopens it. On a server of the test's own, stopped and started.
describe.each(selectedDialects().filter((d): d is OwnServerDialect => d !== 'sqlite'))('%s', (dialect) => {
  const server = useOwnServer(dialect);

  test('the breaker opens after N failed connection attempts, fails fast, probes after the cool-down, and closes once the server is back', async () => {
    const orm = await Orm.init({
      dialect,
      url: server().url,
      entities: [Author],
      pool: { min: 0, max: 2 },
      circuitBreaker: { failures: FAILURES, coolDownMs: COOL_DOWN_MS },
    });
    try {
      await orm.schema.create();
      const count = () => orm.em.fork().count(Author);
      expect(await count()).toBe(0);
      expect(await orm.health()).toMatchObject({ ok: true, circuit: 'closed', server: expect.stringMatching(/PostgreSQL|MariaDB/) });

      await server().stop({ immediate: true });
      // Each of the first N calls tried to connect and failed.
      for (let i = 0; i < FAILURES; i++) {
        const failure = await outcome(count);
        expect(failure).toBeInstanceOf(ConnectionError);
        expect(failure).not.toBeInstanceOf(CircuitOpenError);
        expect((failure as ConnectionError).circuitOpen).toBe(false);
      }
      // Then calls fail fast, without a connection attempt: the pool opens nothing.
      const fast = await outcome(count);
      expect(fast).toBeInstanceOf(CircuitOpenError);
      expect(fast).toBeInstanceOf(ConnectionError);
      expect((fast as ConnectionError).circuitOpen).toBe(true);
      expect((fast as Error).message).toMatch(new RegExp(`circuit breaker is open after ${FAILURES} connection attempts in a row failed`));
      expect(orm.poolStats()).toMatchObject({ size: 0, used: 0, pending: 0 });
      const down = await orm.health();
      expect(down).toMatchObject({ ok: false, circuit: 'open', error: expect.stringMatching(/circuit breaker is open/) });
      expect(down.server).toBeUndefined();
      // A flush fails fast the same way and writes nothing.
      const em = orm.em.fork();
      em.create(Author, { name: 'Ada', email: 'ada@x.io' });
      expect(await outcome(() => em.flush())).toBeInstanceOf(CircuitOpenError);

      // After the cool-down one call probes; the server is still down, so the breaker opens again.
      await sleep(COOL_DOWN_MS + 100);
      const probe = await outcome(count);
      expect(probe).toBeInstanceOf(ConnectionError);
      expect((probe as ConnectionError).circuitOpen).toBe(false);
      expect(await outcome(count)).toBeInstanceOf(CircuitOpenError);

      await server().start();
      await sleep(COOL_DOWN_MS + 100);
      // The probe succeeds and closes the breaker; the flush refused earlier goes through now.
      expect(await count()).toBe(0);
      expect((await orm.health()).circuit).toBe('closed');
      await em.flush();
      expect(await count()).toBe(1);
      expect(await orm.health()).toMatchObject({ ok: true, circuit: 'closed', pool: { used: 0 } });
    } finally {
      await orm.close();
    }
  }, 60_000);

  test('circuitBreaker: false never fails fast; bad options are refused before connecting', async () => {
    await expect(Orm.init({ dialect, url: server().url, entities: [Author], circuitBreaker: { failures: 0 } })).rejects.toThrow(
      'circuitBreaker.failures must be an integer of 1 or more, got 0.',
    );
    const orm = await Orm.init({ dialect, url: server().url, entities: [Author], pool: { min: 0, max: 2 }, circuitBreaker: false });
    try {
      await server().stop({ immediate: true });
      for (let i = 0; i < 8; i++) expect(await outcome(() => orm.em.fork().count(Author))).not.toBeInstanceOf(CircuitOpenError);
      expect((await orm.health()).circuit).toBe('closed');
    } finally {
      await server().start();
      await orm.close();
    }
  }, 60_000);
});

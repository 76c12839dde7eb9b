import { ConnectionError, Orm, UsageError, ValidationError } from '../../../src';
import { Author } from '../../support/entities';
import { describeEachDialect } from '../../support/dialect-fixture';
import { TcpProxy } from '../../support/tcp-proxy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SERVER: Record<string, RegExp> = { sqlite: /^SQLite 3\./, postgres: /^PostgreSQL 15\./, mariadb: /MariaDB/ };

// Issue 15: orm.health() for readiness probes, and a graceful orm.close({ timeoutMs }).
describeEachDialect([Author], (fx) => {
  /** An Orm of the test's own on the suite's database, so that closing it leaves the suite's alone. */
  const open = () => Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Author], pool: { min: 0, max: 2 } });

  test('health reports the server, the pool and the circuit', async () => {
    const report = await fx.orm.health();
    expect(report).toEqual({
      ok: true,
      latencyMs: expect.any(Number),
      pool: fx.orm.poolStats(),
      circuit: 'closed',
      server: expect.stringMatching(SERVER[fx.dialect]),
    });
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
  });

  test('a flush in flight when close() is called completes and is committed; new work is refused', async () => {
    const orm = await open();
    let closing: ReturnType<Orm['close']> | undefined;
    // close() is called while the flush's INSERT runs: between its BEGIN and its COMMIT.
    orm.on('query', (q) => {
      if (/^insert/i.test(q.sql)) closing ??= orm.close({ timeoutMs: 5000 });
    });
    const em = orm.em.fork();
    em.create(Author, { name: 'Ada', email: 'ada@x.io' });
    await em.flush();
    expect(closing).toBeDefined();
    expect(await closing).toEqual({ drained: true, abandoned: 0 });
    expect(await fx.raw.count('authors')).toBe(1);

    const refused = await orm.em
      .fork()
      .find(Author, {})
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as Error).message).toBe(
      'This Orm is closed or closing (orm.close() was called): it starts no new work. Work begun before close() was ' +
        'allowed to finish; open a new Orm to work on.',
    );
    // health never throws: a closed Orm is down.
    expect(await orm.health()).toMatchObject({ ok: false, error: expect.stringMatching(/orm\.close\(\) was called/) });
  });

  test('a transaction that outlives the deadline is cut off and rolled back, and the report says so', async () => {
    const orm = await open();
    let written!: () => void;
    const inFlight = new Promise<void>((resolve) => (written = resolve));
    const transaction = orm.em
      .fork()
      .transactional(async (tx) => {
        tx.create(Author, { name: 'Late', email: 'late@x.io' });
        await tx.flush();
        written();
        await sleep(1000);
        await tx.count(Author);
      })
      .catch((e: unknown) => e);
    await inFlight;
    expect(await orm.close({ timeoutMs: 100 })).toEqual({ drained: false, abandoned: 1 });
    // Its next statement found the connection closed under it; the server (SQLite: closing the file) rolled back.
    expect(await transaction).toBeInstanceOf(ConnectionError);
    expect(await fx.raw.count('authors')).toBe(0);
  });

  test('close with nothing in flight is immediate; a bad timeout is refused', async () => {
    const orm = await open();
    await expect(orm.close({ timeoutMs: -1 })).rejects.toThrow(ValidationError);
    expect(await orm.close()).toEqual({ drained: true, abandoned: 0 });
  });
});

describeEachDialect(
  [Author],
  (fx) => {
    test('health is bounded by its timeout when the server does not answer, and never throws', async () => {
      const proxy = await TcpProxy.inFrontOf(fx.url);
      const orm = await Orm.init({ dialect: fx.dialect, url: proxy.url(fx.url), entities: [Author], pool: { min: 0, max: 2 } });
      try {
        expect((await orm.health()).ok).toBe(true);
        proxy.stall();
        const started = Date.now();
        const report = await orm.health({ timeoutMs: 300 });
        expect(Date.now() - started).toBeLessThan(5000);
        expect(report).toMatchObject({ ok: false, circuit: 'closed', error: 'the database did not answer within 300 ms' });
        expect(report.server).toBeUndefined();
        proxy.resume();
      } finally {
        await proxy.close();
        await orm.close({ timeoutMs: 1000 });
      }
    });
  },
  { dialects: ['postgres', 'mariadb'] },
);

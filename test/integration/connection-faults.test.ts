import { ConnectionError, Orm, sql, type SqlFragment } from '../../src';
import { Author } from '../support/entities';
import { describeEachDialect, type Fixture } from '../support/dialect-fixture';
import { killOrmConnections } from '../support/session-killer';
import { TcpProxy } from '../support/tcp-proxy';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Issue 10, defect 1: a connection lost under a running statement must leave the pool, not poison it. */
describeEachDialect(
  [Author],
  (fx) => {
    const sleep = (seconds: number): SqlFragment => (fx.dialect === 'postgres' ? sql`select pg_sleep(${seconds})` : sql`select sleep(${seconds})`);

    /** `count` flushes in a row, each on a fresh fork, all of which must succeed. */
    async function flushInARow(orm: Orm, count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const em = orm.em.fork();
        em.create(Author, { name: `After ${i}`, email: `after${i}@x.io` });
        await em.flush();
      }
    }

    /** Three authors (Ada, Bob, Cy) whose emails `flushInARow` does not reuse. */
    async function seedAuthors(orm: Orm): Promise<void> {
      const em = orm.em.fork();
      for (const name of ['Ada', 'Bob', 'Cy']) em.create(Author, { name, email: `${name}@x.io` });
      await em.flush();
    }

    /** Opens two pooled connections (two statements at once), so that idle ones are there to lose. */
    async function warmPool(orm: Orm): Promise<void> {
      await Promise.all([orm.em.fork().sql`${sleep(0.1)}`, orm.em.fork().sql`${sleep(0.1)}`]);
      expect(orm.poolStats()).toMatchObject({ used: 0, free: 2 });
    }

    test('a session killed while its statement runs is a ConnectionError; later flushes succeed at once', async () => {
      await warmPool(fx.orm);
      const running = fx.orm.em.fork().sql`${sleep(3)}`.catch((e: unknown) => e);
      await pause(300);
      const started = Date.now();
      await killOrmConnections(fx.dialect, [fx.raw.sessionId!]);
      const failure = await running;
      expect(failure).toBeInstanceOf(ConnectionError);
      expect(Date.now() - started).toBeLessThan(1500);
      // Every session was killed: neither the one that ran the statement nor the idle one counts as free.
      expect(fx.orm.poolStats()).toMatchObject({ used: 0, free: 0, size: 0 });
      await flushInARow(fx.orm, 5);
      expect(await fx.raw.count('authors')).toBe(5);
    });

    test('idle pooled sessions killed by the server are not counted as free, and the next queries succeed', async () => {
      await warmPool(fx.orm);
      await killOrmConnections(fx.dialect, [fx.raw.sessionId!]);
      expect(fx.orm.poolStats()).toMatchObject({ size: 0, free: 0 });
      expect(await Promise.all([fx.orm.em.fork().count(Author), fx.orm.em.fork().count(Author)])).toEqual([0, 0]);
      await flushInARow(fx.orm, 3);
      expect(await fx.raw.count('authors')).toBe(3);
    });

    test('a stream left early after its session was killed ends at once, and its connection leaves the pool', async () => {
      await seedAuthors(fx.orm);
      const seen: string[] = [];
      for await (const author of fx.orm.em.fork().stream(Author, {}, { batchSize: 2 })) {
        seen.push(author.name);
        await killOrmConnections(fx.dialect, [fx.raw.sessionId!]);
        // Leaving the loop closes the cursor, whose answer can no longer come.
        break;
      }
      expect(seen).toEqual(['Ada']);
      expect(fx.orm.poolStats()).toMatchObject({ used: 0, free: 0, size: 0 });
      await flushInARow(fx.orm, 1);
      expect(await fx.raw.count('authors')).toBe(4);
    });

    test('a session killed while a stream waits for its rows is a ConnectionError in the loop, and its connection leaves the pool', async () => {
      await seedAuthors(fx.orm);
      // The raw session holds the table, so the stream's query waits on the server when the session is killed.
      for (const statement of fx.dialect === 'postgres' ? ['begin', 'lock table authors in access exclusive mode'] : ['lock tables authors write']) {
        await fx.raw.exec(statement);
      }
      let failure: unknown;
      try {
        const reading = (async () => {
          for await (const author of fx.orm.em.fork().stream(Author, {}, { batchSize: 2 })) void author;
        })().catch((e: unknown) => e);
        await pause(300);
        await killOrmConnections(fx.dialect, [fx.raw.sessionId!]);
        failure = await reading;
      } finally {
        await fx.raw.exec(fx.dialect === 'postgres' ? 'rollback' : 'unlock tables');
      }
      expect(failure).toBeInstanceOf(ConnectionError);
      expect(fx.orm.poolStats()).toMatchObject({ used: 0 });
      await flushInARow(fx.orm, 1);
    });

    describe('through a proxy that resets every connection', () => {
      let proxy: TcpProxy;
      let orm: Orm;

      beforeEach(async () => {
        proxy = await TcpProxy.inFrontOf(fx.url);
        orm = await Orm.init({ dialect: fx.dialect, url: proxy.url(fx.url), entities: [Author], pool: { min: 0, max: 2 } });
      });

      afterEach(async () => {
        await orm.close();
        await proxy.close();
      });

      test('a reset under a running statement is a ConnectionError; the pool replaces the connection', async () => {
        await warmPool(orm);
        const running = orm.em.fork().sql`${sleep(3)}`.catch((e: unknown) => e);
        await pause(200);
        proxy.cutAll();
        const failure = await running;
        expect(failure).toBeInstanceOf(ConnectionError);
        expect((failure as Error).message).not.toMatch(/closed state/);
        await pause(50);
        expect(orm.poolStats()).toMatchObject({ used: 0, free: 0, size: 0 });
        await flushInARow(orm, 5);
        expect(await fx.raw.count('authors')).toBe(5);
        expect(orm.poolStats()).toMatchObject({ used: 0, size: 1, free: 1 });
      });

      test('a reset inside a transaction is a ConnectionError, nothing is written, and the next flush succeeds', async () => {
        const failure = await orm.em
          .fork()
          .transactional(async (tx) => {
            tx.create(Author, { name: 'Lost', email: 'lost@x.io' });
            await tx.flush();
            proxy.cutAll();
            await tx.sql`${sleep(0)}`;
          })
          .catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(ConnectionError);
        await flushInARow(orm, 2);
        expect((await fx.raw.rows('authors')).map((r) => r.name)).toEqual(['After 0', 'After 1']);
      });
    });
  },
  { dialects: ['postgres', 'mariadb'], pool: { min: 0, max: 2 } },
);

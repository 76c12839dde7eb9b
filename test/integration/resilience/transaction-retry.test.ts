import {
  CommitOutcomeUnknownError,
  ConnectionError,
  DeadlockError,
  Orm,
  SerializationFailureError,
  UniqueConstraintViolationError,
  UsageError,
  ValidationError,
  type EntityManager,
} from '../../../src';
import { Author } from '../../support/entities';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { TcpProxy } from '../../support/tcp-proxy';

/** Resolves once `parties` callers wait on it: two transactions meet before their conflicting step. */
function barrier(parties: number): () => Promise<void> {
  let waiting = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++waiting === parties) release();
    return all;
  };
}

/** New authors aged 0; their ids by name (statements lock rows by key: a scan would lock them all on MariaDB). */
async function seedAuthors(fx: Fixture, names: readonly string[]): Promise<Record<string, number>> {
  const em = fx.orm.em.fork();
  const authors = names.map((name) => em.create(Author, { name, email: `${name.toLowerCase()}@x.io`, age: 0 }));
  await em.flush();
  return Object.fromEntries(authors.map((a) => [a.name, a.id]));
}

// Issue 15: em.transactional(fn, { retry }) runs the whole callback again after a deadlock, a serialization failure
// and (opt-in) a connection error before COMMIT; never after a COMMIT whose outcome is unknown.
describeEachDialect([Author], (fx) => {
  test('an error that is not retried fails at once; the callback ran once', async () => {
    await seedAuthors(fx, ['Ada']);
    let attempts = 0;
    const failure = await fx.orm.em
      .fork()
      .transactional(
        async (tx) => {
          attempts++;
          tx.create(Author, { name: 'Twin', email: 'ada@x.io' });
        },
        { retry: { attempts: 3, backoff: 0 } },
      )
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UniqueConstraintViolationError);
    expect(attempts).toBe(1);
  });

  test('retry inside a transaction and bad retry options are refused before anything runs', async () => {
    let ran = false;
    const nested = await fx.orm.em
      .fork()
      .transactional((tx) => tx.transactional(async () => void (ran = true), { retry: { attempts: 2 } }))
      .catch((e: unknown) => e);
    expect(nested).toBeInstanceOf(UsageError);
    expect((nested as Error).message).toMatch(/Put `retry` on the outermost one/);
    await expect(fx.orm.em.fork().transactional(async () => void (ran = true), { retry: { attempts: 0 } })).rejects.toThrow(ValidationError);
    await expect(fx.orm.em.fork().transactional(async () => void (ran = true), { retry: { attempts: 2, backoff: -1 } })).rejects.toThrow(
      'retry.backoff must be a number of milliseconds, 0 or more, or a function, got -1.',
    );
    expect(ran).toBe(false);
  });
});

describeEachDialect(
  [Author],
  (fx) => {
    const seed = (...names: string[]) => seedAuthors(fx, names);
    const ages = async () => Object.fromEntries((await fx.raw.rows('authors')).map((r) => [r.name, Number(r.age)]));

    test('a real deadlock: the victim runs its whole callback again in a fresh EntityManager, and both commit', async () => {
      const id = await seed('Ada', 'Bob');
      const meet = barrier(2);
      const attempts = { first: 0, second: 0 };
      const deadlocks: unknown[] = [];
      const managers = new Set<EntityManager>();
      // Each locks one row, meets the other, then wants the other's row: one of them is the deadlock victim.
      const transfer = (name: 'first' | 'second', one: string, other: string) =>
        fx.orm.em.fork().transactional(
          async (tx) => {
            managers.add(tx);
            if (++attempts[name] > 1) deadlocks.push(name);
            await tx.sql`update authors set age = age + 1 where id = ${id[one]}`;
            if (attempts[name] === 1) await meet();
            await tx.sql`update authors set age = age + 10 where id = ${id[other]}`;
          },
          { retry: { attempts: 3, backoff: 10 } },
        );
      await Promise.all([transfer('first', 'Ada', 'Bob'), transfer('second', 'Bob', 'Ada')]);
      expect(attempts.first + attempts.second).toBe(3);
      expect(deadlocks).toHaveLength(1);
      expect(managers.size).toBe(3);
      expect(await ages()).toEqual({ Ada: 11, Bob: 11 });
      expect(fx.queries.filter((q) => q.error instanceof DeadlockError)).toHaveLength(1);
    });

    test('without retry the deadlock victim gets DeadlockError', async () => {
      const id = await seed('Ada', 'Bob');
      const meet = barrier(2);
      const transfer = (one: string, other: string) =>
        fx.orm.em.fork().transactional(async (tx) => {
          await tx.sql`update authors set age = age + 1 where id = ${id[one]}`;
          await meet();
          await tx.sql`update authors set age = age + 10 where id = ${id[other]}`;
        });
      const results = await Promise.allSettled([transfer('Ada', 'Bob'), transfer('Bob', 'Ada')]);
      const failures = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toBeInstanceOf(DeadlockError);
    });

    test('a real serialization failure: the loser of a concurrent update runs again and sees the winner', async () => {
      const id = await seed('Ada');
      // MariaDB reports a changed snapshot only with innodb_snapshot_isolation, a session setting: an Orm of its own.
      const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Author], pool: { min: 0, max: 2 } });
      const failures: unknown[] = [];
      orm.on('query', (q) => q.error && failures.push(q.error));
      try {
        const meet = barrier(2);
        let attempts = 0;
        const seen: number[] = [];
        const increment = () =>
          orm.em.fork().transactional(
            async (tx) => {
              const attempt = ++attempts;
              if (fx.dialect === 'mariadb') await tx.sql`set session innodb_snapshot_isolation = on`;
              const ada = await tx.findOneOrFail(Author, id.Ada);
              seen.push(ada.age!);
              // Both read the row in their snapshots before either writes it.
              if (attempt <= 2) await meet();
              await tx.sql`update authors set age = ${ada.age! + 1} where id = ${ada.id}`;
            },
            { isolationLevel: 'repeatable read', retry: { attempts: 2, backoff: 10 } },
          );
        await Promise.all([increment(), increment()]);
        expect(attempts).toBe(3);
        expect(seen.sort()).toEqual([0, 0, 1]);
        expect(await ages()).toEqual({ Ada: 2 });
        expect(failures).toHaveLength(1);
        expect(failures[0]).toBeInstanceOf(SerializationFailureError);
      } finally {
        await orm.close();
      }
    });

    describe('through a proxy', () => {
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

      test('a connection lost before COMMIT is retried only with connectionErrors: true; the row is written once', async () => {
        let attempts = 0;
        const work = async (tx: EntityManager) => {
          if (++attempts === 1) proxy.cutOnce({ client: (chunk) => chunk.includes('insert into') });
          tx.create(Author, { name: 'Ada', email: `ada${attempts}@x.io` });
          await tx.flush();
        };
        await expect(orm.em.fork().transactional(work, { retry: { attempts: 3, backoff: 0 } })).rejects.toBeInstanceOf(ConnectionError);
        expect(attempts).toBe(1);
        attempts = 0;
        await orm.em.fork().transactional(work, { retry: { attempts: 3, backoff: 0, connectionErrors: true } });
        expect(attempts).toBe(2);
        expect((await fx.raw.rows('authors')).map((r) => r.email)).toEqual(['ada2@x.io']);
      });

      test('a COMMIT whose outcome is unknown is never run again, even with connectionErrors: true', async () => {
        let attempts = 0;
        proxy.cutOnce({ client: (chunk) => chunk.includes('commit') });
        const failure = await orm.em
          .fork()
          .transactional(
            async (tx) => {
              attempts++;
              tx.create(Author, { name: 'Ada', email: 'ada@x.io' });
            },
            { retry: { attempts: 3, backoff: 0, connectionErrors: true } },
          )
          .catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(CommitOutcomeUnknownError);
        expect(attempts).toBe(1);
      });
    });
  },
  { dialects: ['postgres', 'mariadb'] },
);

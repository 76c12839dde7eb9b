import {
  Column,
  CommitOutcomeUnknownError,
  ConnectionError,
  Entity,
  Orm,
  PrimaryKey,
  QueryTimeoutError,
  UniqueConstraintViolationError,
  UsageError,
  type EntityManager,
} from '../../src';
import { describeEachDialect, type Fixture } from '../support/dialect-fixture';
import { TcpProxy, type CutRule } from '../support/tcp-proxy';

/** Only a generated key: writing it twice makes two rows, as a re-inserted entity would. */
@Entity({ table: 'ledger_entries' })
class LedgerEntry {
  @PrimaryKey() id!: number;
  @Column() token!: string;
}

/** Where each server's bytes show a COMMIT, and a write before it, so the proxy can lose exactly that. */
const CUTS: Record<string, { commit: CutRule; beforeCommit: CutRule }> = {
  // PostgreSQL's CommandComplete tag for COMMIT is only sent once the server has committed.
  postgres: { commit: { server: (chunk) => chunk.includes('COMMIT\0') }, beforeCommit: { server: (chunk) => chunk.includes('INSERT 0 ') } },
  // The COMMIT reaches MariaDB, then the connection is cut before its OK packet arrives.
  mariadb: { commit: { client: (chunk) => chunk.includes('commit') }, beforeCommit: { client: (chunk) => chunk.includes('insert into') } },
};

describeEachDialect(
  [LedgerEntry],
  (fx) => {
    let proxy: TcpProxy;
    let orm: Orm;
    const cut = () => CUTS[fx.dialect];

    beforeAll(async () => {
      proxy = await TcpProxy.inFrontOf(fx.url);
      orm = await Orm.init({ dialect: fx.dialect, url: proxy.url(fx.url), entities: [LedgerEntry], pool: { min: 0, max: 2 } });
    });

    afterAll(async () => {
      await orm?.close();
      await proxy?.close();
    });

    test('a COMMIT whose answer is lost is a CommitOutcomeUnknownError, and the entity is not flushed twice', async () => {
      const em = orm.em.fork();
      em.create(LedgerEntry, { token: 'lost-reply' });
      proxy.cutOnce(cut().commit);
      const failure = await em.flush().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(CommitOutcomeUnknownError);
      expect(failure).toBeInstanceOf(ConnectionError);
      expect((failure as Error).message).toMatch(/whether the transaction committed is unknown/);
      expect(await tokens(fx)).toEqual(['lost-reply']);

      const again = await em.flush().catch((e: unknown) => e);
      expect(again).toBeInstanceOf(UsageError);
      expect((again as Error).message).toMatch(/LedgerEntry .*COMMIT outcome is unknown.*orm\.em\.fork\(\)/s);
      expect(await tokens(fx)).toEqual(['lost-reply']);

      await expectFreshForkWorks(orm, fx, ['lost-reply']);
    });

    test('a COMMIT left unanswered past the client deadline (statementTimeoutMs) is a CommitOutcomeUnknownError', async () => {
      const timed = await Orm.init({ dialect: fx.dialect, url: proxy.url(fx.url), entities: [LedgerEntry], statementTimeoutMs: 200, pool: { min: 0, max: 1 } });
      try {
        const em = timed.em.fork();
        em.create(LedgerEntry, { token: 'silent-answer' });
        // The COMMIT reaches the server, which commits; its answer is held until the client gives up.
        proxy.cutOnce({ client: (chunk) => (chunk.includes('commit') ? (proxy.stall(), false) : false) });
        const failure = await em.flush().catch((e: unknown) => e);
        proxy.resume();
        expect(failure).toBeInstanceOf(CommitOutcomeUnknownError);
        expect((failure as Error).cause).toBeInstanceOf(QueryTimeoutError);
        expect(await tokens(fx)).toEqual(['silent-answer']);
        expect(await em.flush().catch((e: unknown) => e)).toBeInstanceOf(UsageError);
        expect(await tokens(fx)).toEqual(['silent-answer']);
      } finally {
        // The stalling rule never reports a match, so it is still set: replace it by one that matches nothing.
        proxy.cutOnce({});
        proxy.resume();
        await timed.close();
      }
    });

    test('a connection lost before COMMIT is a plain ConnectionError: nothing was written, flushing again is safe', async () => {
      const em = orm.em.fork();
      em.create(LedgerEntry, { token: 'cut-early' });
      proxy.cutOnce(cut().beforeCommit);
      const failure = await em.flush().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConnectionError);
      expect(failure).not.toBeInstanceOf(CommitOutcomeUnknownError);
      expect(await tokens(fx)).toEqual([]);
      await em.flush();
      expect(await tokens(fx)).toEqual(['cut-early']);
    });

    test('em.transactional: a connection known lost before COMMIT is sent is a plain ConnectionError: nothing was committed', async () => {
      const em = orm.em.fork();
      const failure = await em
        .transactional(async (tx) => {
          tx.create(LedgerEntry, { token: 'never-committed' });
          await tx.flush();
          proxy.cutAll();
          // The reset reaches the client before the callback returns: COMMIT is refused without being sent.
          await new Promise((resolve) => setTimeout(resolve, 100));
        })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConnectionError);
      expect(failure).not.toBeInstanceOf(CommitOutcomeUnknownError);
      expect((failure as Error).message).toMatch(/connection was lost/);
      expect(await tokens(fx)).toEqual([]);
      await expectFreshForkWorks(orm, fx, []);
    });

    test('a database error in the flush is not outcome-unknown', async () => {
      await fx.raw.exec('create unique index ledger_token on ledger_entries (token)');
      const em = orm.em.fork();
      em.create(LedgerEntry, { token: 'twice' });
      em.create(LedgerEntry, { token: 'twice' });
      const failure = await em.flush().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(UniqueConstraintViolationError);
      expect(await tokens(fx)).toEqual([]);
    });

    test('em.transactional: a lost COMMIT answer is outcome-unknown, and what the transaction changed is refused later', async () => {
      const setup = orm.em.fork();
      setup.create(LedgerEntry, { token: 'loaded' });
      await setup.flush();
      const em = orm.em.fork();
      const loaded = await em.findOneOrFail(LedgerEntry, { token: 'loaded' });
      proxy.cutOnce(cut().commit);
      const failure = await em
        .transactional(async (tx) => {
          tx.create(LedgerEntry, { token: 'in-tx' });
          loaded.token = 'changed-in-tx';
        })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(CommitOutcomeUnknownError);
      expect(await tokens(fx)).toEqual(['changed-in-tx', 'in-tx']);

      const again = await em.flush().catch((e: unknown) => e);
      expect(again).toBeInstanceOf(UsageError);
      expect(await tokens(fx)).toEqual(['changed-in-tx', 'in-tx']);
      await expectFreshForkWorks(orm, fx, ['changed-in-tx', 'in-tx']);
    });

    test('em.transactional: a connection lost before COMMIT is a plain ConnectionError and nothing was written', async () => {
      const em = orm.em.fork();
      proxy.cutOnce(cut().beforeCommit);
      const failure = await em
        .transactional(async (tx) => {
          tx.create(LedgerEntry, { token: 'rolled-back' });
        })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConnectionError);
      expect(failure).not.toBeInstanceOf(CommitOutcomeUnknownError);
      expect(await tokens(fx)).toEqual([]);
    });

    if (fx.dialect === 'postgres') {
      test('a deferred constraint refused at COMMIT is that constraint error, not outcome-unknown', async () => {
        await fx.raw.exec('alter table ledger_entries add constraint ledger_token unique (token) deferrable initially deferred');
        const em = orm.em.fork();
        em.create(LedgerEntry, { token: 'deferred' });
        em.create(LedgerEntry, { token: 'deferred' });
        const failure = await em.flush().catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(UniqueConstraintViolationError);
        expect((failure as UniqueConstraintViolationError).sql).toBe('commit');
        expect(await tokens(fx)).toEqual([]);
      });
    }
  },
  { dialects: ['postgres', 'mariadb'] },
);

async function tokens(fx: Fixture): Promise<string[]> {
  return (await fx.raw.rows('ledger_entries')).map((row) => String(row.token)).sort();
}

/** A new fork reads what the database holds and writes normally. */
async function expectFreshForkWorks(orm: Orm, fx: Fixture, before: string[]): Promise<void> {
  const em: EntityManager = orm.em.fork();
  expect((await em.find(LedgerEntry, {})).map((e) => e.token).sort()).toEqual(before);
  em.create(LedgerEntry, { token: 'zz-after' });
  await em.flush();
  expect(await tokens(fx)).toEqual([...before, 'zz-after']);
}

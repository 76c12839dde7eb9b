import { CommitOutcomeUnknownError, ConnectionError, Orm, type QueryEvent } from '../../../src';
import { Author } from '../../support/entities';
import { describeEachDialect } from '../../support/dialect-fixture';
import { TcpProxy } from '../../support/tcp-proxy';

/** A chunk the client sends that carries a statement on the authors table starting with `verb`. */
const statement = (verb: string) => (chunk: Buffer) => new RegExp(`${verb}\\b[^]*authors`, 'i').test(chunk.toString('latin1'));

// Issue 15: a read outside a transaction is retried once on another connection when its connection fails under
// it; a write, raw SQL, a statement of a transaction and a COMMIT never are.
describeEachDialect(
  [Author],
  (fx) => {
    let proxy: TcpProxy;
    let orm: Orm;
    let sent: QueryEvent[];
    const statements = (verb: string) => sent.filter((q) => new RegExp(`^${verb}\\b`, 'i').test(q.sql) && /authors/.test(q.sql));

    beforeEach(async () => {
      proxy = await TcpProxy.inFrontOf(fx.url);
      orm = await Orm.init({ dialect: fx.dialect, url: proxy.url(fx.url), entities: [Author], pool: { min: 0, max: 2 } });
      sent = [];
      orm.on('query', (q) => sent.push(q));
      const em = fx.orm.em.fork();
      em.create(Author, { name: 'Ada', email: 'ada@x.io' });
      await em.flush();
    });

    afterEach(async () => {
      await orm.close();
      await proxy.close();
    });

    test('a find whose connection is cut while it runs is retried once on another connection and succeeds', async () => {
      proxy.cutOnce({ client: statement('select') });
      const found = await orm.em.fork().find(Author, {});
      expect(found.map((a) => a.name)).toEqual(['Ada']);
      const selects = statements('select');
      expect(selects).toHaveLength(2);
      expect(selects[0].error).toBeInstanceOf(ConnectionError);
      expect(selects[1].error).toBeUndefined();
      expect(orm.poolStats()).toMatchObject({ used: 0, free: 1 });
    });

    test('a count and a lookup by key are retried the same way', async () => {
      proxy.cutOnce({ client: statement('select') });
      expect(await orm.em.fork().count(Author)).toBe(1);
      proxy.cutOnce({ client: statement('select') });
      expect((await orm.em.fork().findOneOrFail(Author, { email: 'ada@x.io' })).name).toBe('Ada');
      expect(statements('select')).toHaveLength(4);
    });

    test('a read cut twice is raised after one retry', async () => {
      const cut = { client: statement('select') };
      // Each failed select re-arms the cut, so that the retry's statement is cut too.
      orm.on('query', (q) => q.error && proxy.cutOnce(cut));
      proxy.cutOnce(cut);
      await expect(orm.em.fork().find(Author, {})).rejects.toBeInstanceOf(ConnectionError);
      expect(statements('select')).toHaveLength(2);
    });

    test('a flush whose INSERT is cut is a ConnectionError, sent once, and writes nothing', async () => {
      proxy.cutOnce({ client: statement('insert') });
      const em = orm.em.fork();
      em.create(Author, { name: 'Lost', email: 'lost@x.io' });
      await expect(em.flush()).rejects.toBeInstanceOf(ConnectionError);
      expect(statements('insert')).toHaveLength(1);
      expect(await fx.raw.count('authors')).toBe(1);
    });

    test('raw SQL and a read inside a transaction are not retried', async () => {
      proxy.cutOnce({ client: statement('select') });
      await expect(orm.em.fork().sql`select name from authors`).rejects.toBeInstanceOf(ConnectionError);
      expect(statements('select')).toHaveLength(1);
      proxy.cutOnce({ client: statement('select') });
      await expect(orm.em.fork().transactional((tx) => tx.find(Author, {}))).rejects.toBeInstanceOf(ConnectionError);
      expect(statements('select')).toHaveLength(2);
    });

    test('a COMMIT whose answer is lost is a CommitOutcomeUnknownError and is not sent again', async () => {
      proxy.cutOnce({ client: (chunk) => chunk.includes('commit') });
      const em = orm.em.fork();
      em.create(Author, { name: 'Maybe', email: 'maybe@x.io' });
      const failure = await em.flush().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(CommitOutcomeUnknownError);
      expect((failure as Error).message).toMatch(/whether the transaction committed is unknown/);
      expect(sent.filter((q) => /^commit/i.test(q.sql))).toHaveLength(1);
    });
  },
  { dialects: ['postgres', 'mariadb'] },
);

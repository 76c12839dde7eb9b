import { Column, CommitOutcomeUnknownError, Entity, Orm, PrimaryKey } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { TcpProxy, type CutRule } from '../../support/tcp-proxy';

@Entity({ table: 'cco_accounts', cache: { ttl: 600 } })
class Account {
  @PrimaryKey() id!: number;
  @Column() owner!: string;
}

/** Where each server's bytes show a COMMIT, so the proxy can lose exactly its answer (as in commit-outcome.test.ts). */
const COMMIT: Record<string, CutRule> = {
  postgres: { server: (chunk) => chunk.includes('COMMIT\0') },
  mariadb: { client: (chunk) => chunk.includes('commit') },
};

/** A COMMIT whose answer is lost may have committed: the cache drops what it wrote, as after a commit. */
describeEachDialect(
  [Account],
  (fx) => {
    let proxy: TcpProxy;
    let orm: Orm;

    beforeAll(async () => {
      proxy = await TcpProxy.inFrontOf(fx.url);
      orm = await Orm.init({ dialect: fx.dialect, url: proxy.url(fx.url), entities: [Account], pool: { min: 0, max: 2 }, cache: { store: 'memory' } });
    });

    afterAll(async () => {
      await orm?.close();
      await proxy?.close();
    });

    test('after a CommitOutcomeUnknownError the written entity is read from the database again', async () => {
      const seed = orm.em.fork();
      seed.create(Account, { id: 1, owner: 'Ada' });
      await seed.flush();
      expect((await orm.em.fork().findOne(Account, 1))!.owner).toBe('Ada'); // cached now
      const em = orm.em.fork();
      (await em.findOne(Account, 1))!.owner = 'Bob';
      proxy.cutOnce(COMMIT[fx.dialect]);
      expect(await em.flush().catch((e: unknown) => e)).toBeInstanceOf(CommitOutcomeUnknownError);
      let selects = 0;
      const off = orm.on('query', (q) => (selects += /^select/i.test(q.sql) ? 1 : 0));
      expect((await orm.em.fork().findOne(Account, 1))!.owner).toBe('Bob');
      off();
      expect(selects).toBe(1);
    });
  },
  { dialects: ['postgres', 'mariadb'] },
);

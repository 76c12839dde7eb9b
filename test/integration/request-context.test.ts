import { Column, Entity, EntityManager, EntityRepository, MetadataError, PrimaryKey } from '../../src';
import { thrownBy } from '../support/thrown-error';
import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect([Author], (fx) => {
  test('inside requestContext, orm.em and its repositories work through a fresh fork per request', async () => {
    const repository = fx.orm.em.getRepository(Author);
    await fx.orm.requestContext(async () => {
      repository.create({ name: 'Ada', email: 'ada@x.io' });
      await fx.orm.em.flush();
    });
    expect(await fx.raw.count('authors')).toBe(1);

    const seen: Author[] = [];
    await Promise.all(
      [1, 2].map(() =>
        fx.orm.requestContext(async () => {
          const a = await repository.findOneOrFail({ name: 'Ada' });
          // Within one request, the identity map is shared by orm.em and the repository.
          expect(await fx.orm.em.findOne(Author, a.id)).toBe(a);
          seen.push(a);
        }),
      ),
    );
    expect(seen[0]).not.toBe(seen[1]);
  });

  test('the repository offers find, findOne, findOneOrFail, count, create, persist, remove', async () => {
    const em = fx.orm.em.fork();
    const repo = em.getRepository(Author);
    expect(em.getRepository(Author)).toBe(repo);
    const ada = repo.create({ name: 'Ada', email: 'ada@x.io' });
    const bob = new Author();
    Object.assign(bob, { name: 'Bob', email: 'bob@x.io' });
    repo.persist(bob);
    await em.flush();
    expect(await repo.count()).toBe(2);
    expect(await repo.findOne({ name: 'Bob' })).toBe(bob);
    expect((await repo.find({}, { orderBy: { name: 'desc' } })).map((a) => a.name)).toEqual(['Bob', 'Ada']);
    repo.remove(ada);
    await em.flush();
    expect(await repo.count()).toBe(1);
    await expect(repo.findOneOrFail({ name: 'Ada' })).rejects.toThrow('Author not found');
  });

  test('fork() gives an EntityManager', () => {
    expect(fx.orm.em.fork()).toBeInstanceOf(EntityManager);
  });
});

/** An entity naming its own repository class, and one naming a class that is not a repository. */
class AccountRepository extends EntityRepository<Account> {
  rich(): Promise<Account[]> {
    return this.em.find(Account, { balance: { $gte: 100 } });
  }
}

@Entity({ table: 'accounts', repository: () => AccountRepository })
class Account {
  @PrimaryKey() id!: number;
  @Column({ type: 'int' }) balance!: number;
}

class NotARepository {}

@Entity({ table: 'ledgers', repository: () => NotARepository })
class Ledger {
  @PrimaryKey() id!: number;
}

describeEachDialect([Account, Ledger], (fx) => {
  test("getRepository returns the entity's own repository class, on a fork and on orm.em inside a request context", async () => {
    const em = fx.orm.em.fork();
    const repository = em.getRepository(Account);
    expect(repository).toBeInstanceOf(AccountRepository);
    em.create(Account, { balance: 150 });
    em.create(Account, { balance: 10 });
    await em.flush();
    expect((await (repository as AccountRepository).rich()).map((a) => a.balance)).toEqual([150]);

    const global = fx.orm.em.getRepository(Account) as AccountRepository;
    expect(global).toBeInstanceOf(AccountRepository);
    expect(await fx.orm.requestContext(() => global.rich())).toHaveLength(1);
  });

  test('a repository class that does not extend EntityRepository is a MetadataError naming both', () => {
    const error = thrownBy(MetadataError, () => fx.orm.em.fork().getRepository(Ledger));
    expect(error.message).toBe(
      'Entity Ledger names NotARepository as its repository, which does not extend EntityRepository; declare it as class NotARepository extends EntityRepository<Ledger>.',
    );
  });
});

import { EntityManager } from '../../src';
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

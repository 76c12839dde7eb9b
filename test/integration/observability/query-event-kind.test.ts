import { Author } from '../../support/entities';
import { describeEachDialect } from '../../support/dialect-fixture';

// `query` events say what each statement does and to which table, from the tree it was compiled from.
describeEachDialect([Author], (fx) => {
  const seen = () => fx.queries.map((q) => [q.kind, q.table]);

  test('a flush: insert, update and delete name their table; BEGIN and COMMIT are other', async () => {
    const em = fx.orm.em.fork();
    const ada = em.create(Author, { name: 'Ada', email: 'ada@x.io' });
    await em.flush();
    expect(seen()).toEqual([['other', undefined], ['insert', 'authors'], ['other', undefined]]);

    fx.queries.length = 0;
    ada.age = 36;
    await em.flush();
    expect(seen()).toContainEqual(['update', 'authors']);

    fx.queries.length = 0;
    em.remove(ada);
    await em.flush();
    expect(seen()).toContainEqual(['delete', 'authors']);
  });

  test('reads through find, the query builder and a by-key template are selects of their table; raw SQL is other', async () => {
    const em = fx.orm.em.fork();
    em.create(Author, { name: 'Ada', email: 'ada@x.io' });
    await em.flush();
    fx.queries.length = 0;

    await fx.orm.em.fork().find(Author, { name: 'Ada' });
    await fx.orm.em.fork().findOne(Author, 1);
    await fx.orm.em.fork().qb(Author, 'a').select(['a.id']).execute();
    await fx.orm.em.fork().sql`select count(*) as n from authors`;
    expect(seen()).toEqual([['select', 'authors'], ['select', 'authors'], ['select', 'authors'], ['other', undefined]]);
  });
});

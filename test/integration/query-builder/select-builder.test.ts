import { QueryError, ref, type EntityManager } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { Author, Book, Publisher, RELATION_ENTITIES, Tag } from '../../support/relation-entities';

/** Ada has 3 books, Grace 1, Linus none; every book has the tag red, Ada's first also blue. */
async function seed(fx: Fixture): Promise<void> {
  const em = fx.orm.em.fork();
  const [red, blue] = ['red', 'blue'].map((name) => em.create(Tag, { name }));
  const publisher = em.create(Publisher, { name: 'P' });
  const [ada, grace] = ['Ada', 'Grace', 'Linus'].map((name) => em.create(Author, { name }));
  ['A1', 'A2', 'A3'].forEach((title) => em.create(Book, { title, author: ada, publisher: ref(publisher) }).tags.add(red));
  em.create(Book, { title: 'G1', author: grace }).tags.add(red);
  await em.flush();
  const first = await em.findOneOrFail(Book, { title: 'A1' }, { populate: ['tags'] });
  first.tags.add(blue);
  await em.flush();
  fx.queries.length = 0;
}

describeEachDialect(RELATION_ENTITIES, (fx) => {
  let em: EntityManager;
  beforeEach(async () => {
    await seed(fx);
    em = fx.orm.em.fork();
  });

  it('returns plain rows of the selected columns, with a join, group by, having, order and pagination', async () => {
    const rows = await em
      .qb(Author, 'a')
      .leftJoin('a.books', 'b')
      .select(['a.id', 'a.name'])
      .where({ 'b.title': { $ne: 'nothing' } })
      .groupBy(['a.id', 'a.name'])
      .having({ $count: { 'b.id': { $gte: 1 } } })
      .orderBy({ 'a.name': 'desc' })
      .limit(5)
      .offset(0)
      .execute();
    expect(rows.map((r) => r.name)).toEqual(['Grace', 'Ada']);
    expect(rows.every((r) => typeof r.id === 'number')).toBe(true);
    expect(Object.keys(rows[0]).sort()).toEqual(['id', 'name']);
    expect(fx.sent('select')).toHaveLength(1);
  });

  it('returns named aggregates per group, typed and converted, ordered by an aggregate', async () => {
    const rows = await em
      .qb(Author, 'a')
      .innerJoin('a.books', 'b')
      .select(['a.id', 'a.name'])
      .aggregate({ books: { $count: 'b.id' }, first: { $min: 'b.title' }, last: { $max: 'b.title' } })
      .groupBy(['a.id', 'a.name'])
      .orderBy({ books: 'desc' })
      .execute();
    const typed: { id: number; name: string; books: number; first: string | null; last: string | null }[] = rows;
    expect(typed.map(({ name, books, first, last }) => ({ name, books, first, last }))).toEqual([
      { name: 'Ada', books: 3, first: 'A1', last: 'A3' },
      { name: 'Grace', books: 1, first: 'G1', last: 'G1' },
    ]);
    const streamed: { name: string; books: number }[] = [];
    const perAuthor = em.qb(Author, 'a').innerJoin('a.books', 'b').select('a.name').aggregate({ books: { $count: 'b.id' } });
    for await (const row of perAuthor.groupBy('a.name').orderBy({ 'a.name': 'asc' }).stream({ batchSize: 1 })) streamed.push(row);
    expect(streamed).toEqual([{ name: 'Ada', books: 3 }, { name: 'Grace', books: 1 }]);
    const [none] = await em.qb(Author, 'a').aggregate({ n: { $count: 'a.id' }, ids: { $sum: 'a.id' } }).where({ 'a.name': 'none' }).execute();
    expect(none).toEqual({ n: 0, ids: null });
    const [all] = await em.qb(Author, 'a').aggregate({ n: { $count: 'a.id' }, mean: { $avg: 'a.id' } }).execute();
    expect(all.n).toBe(3);
    expect(typeof all.mean).toBe('number');
  });

  it('joins through a many-to-many pivot and a many-to-one', async () => {
    const rows = await em
      .qb(Book, 'b')
      .innerJoin('b.tags', 't')
      .innerJoin('b.author', 'a')
      .select(['b.title', 'a.name'])
      .where({ 't.name': 'blue' })
      .execute();
    expect(rows).toEqual([{ title: 'A1', name: 'Ada' }]);
  });

  it('merges getResult entities into the identity map without overwriting unflushed changes', async () => {
    const ada = await em.findOneOrFail(Author, { name: 'Ada' });
    ada.name = 'Ada (edited)';
    const authors = await em.qb(Author, 'a').orderBy({ 'a.id': 'asc' }).getResult();
    expect(authors).toHaveLength(3);
    expect(authors[0]).toBe(ada);
    expect(ada.name).toBe('Ada (edited)');
    expect(authors[1]).toBe(await em.findOneOrFail(Author, { name: 'Grace' }));
  });

  it('drops the repeated roots of a to-many join in getResult', async () => {
    const authors = await em.qb(Author, 'a').innerJoin('a.books', 'b').where({ 'b.title': { $like: 'A%' } }).getResult();
    expect(authors.map((a) => a.name)).toEqual(['Ada']);
  });

  it('counts and aggregates, ignoring order and pagination', async () => {
    const books = () => em.qb(Book, 'b').innerJoin('b.author', 'a').where({ 'a.name': 'Ada' }).orderBy({ 'b.title': 'asc' }).limit(1);
    expect(await books().count()).toBe(3);
    expect(await em.qb(Author).count()).toBe(3);
    expect(await books().min('b.title')).toBe('A1');
    expect(await books().max('b.title')).toBe('A3');
    const ids = await em.qb(Author, 'a').execute();
    const total = ids.reduce((sum, a) => sum + a.id, 0);
    expect(await em.qb(Author).sum('id')).toBe(total);
    expect(await em.qb(Author).avg('id')).toBeCloseTo(total / 3);
    expect(await em.qb(Author).where({ name: 'nobody' }).sum('id')).toBeNull();
    expect(await em.qb(Author).where({ name: 'nobody' }).max('name')).toBeNull();
  });

  it('filters with a subquery builder', async () => {
    const withTagBlue = em.qb(Book, 'b').innerJoin('b.tags', 't').select('b.author').where({ 't.name': 'blue' });
    const authors = await em.qb(Author, 'a').where({ 'a.id': { $in: withTagBlue } }).getResult();
    expect(authors.map((a) => a.name)).toEqual(['Ada']);
    const others = await em.qb(Author, 'a').where({ 'a.id': { $nin: withTagBlue } }).orderBy({ 'a.name': 'asc' }).execute();
    expect(others.map((a) => a.name)).toEqual(['Grace', 'Linus']);
    expect(fx.sent('select')).toHaveLength(2);
  });

  it('explains a query with the dialect\'s EXPLAIN (ANALYZE where there is one)', async () => {
    const query = em.qb(Author, 'a').where({ 'a.name': 'Ada' });
    const plan = await query.explain();
    expect(plan.length).toBeGreaterThan(0);
    if (fx.dialect === 'sqlite') {
      await expect(query.explain({ analyze: true })).rejects.toThrow(QueryError);
      return;
    }
    const analyzed = await query.explain({ analyze: true });
    const text = JSON.stringify(analyzed);
    // PostgreSQL reports the actual time of each node; MariaDB's ANALYZE adds the rows read (r_rows).
    expect(text).toMatch(fx.dialect === 'postgres' ? /actual time/ : /r_rows/);
  });

  it('raises a QueryError naming the unknown name before any SQL, in every clause and write', async () => {
    const a = em.qb(Author, 'a');
    const cases: [() => unknown, RegExp][] = [
      [() => a.where({ 'z.name': 'x' } as never), /'z'/],
      [() => a.select(['a.title' as never]), /'title'/],
      [() => a.orderBy({ 'a.nope': 'asc' } as never), /'nope'/],
      [() => a.groupBy('a.nope' as never), /'nope'/],
      [() => a.having({ $count: { 'a.nope': 1 } } as never), /'nope'/],
      [() => a.aggregate({ n: { $sum: 'z.id' } } as never), /'z'/],
      [() => a.innerJoin('a.name' as never, 'n'), /name/],
      [() => a.insert({ nope: 1 } as never), /'nope'/],
      [() => a.update({ name: 'x' }).where({ nope: 1 } as never), /nope/],
      [() => a.delete().where({ nope: 1 } as never), /nope/],
    ];
    for (const [call, name] of cases) {
      expect(call).toThrow(QueryError);
      expect(call).toThrow(name);
    }
    expect(fx.queries).toHaveLength(0);
  });
});

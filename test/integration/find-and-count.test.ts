import { Author, Book, RELATION_ENTITIES } from '../support/relation-entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect(RELATION_ENTITIES, (fx) => {
  beforeEach(async () => {
    const em = fx.orm.em.fork();
    for (let i = 0; i < 7; i++) {
      const author = em.create(Author, { name: `A${i}` });
      em.create(Book, { title: `B${i}`, author });
    }
    await em.flush();
    fx.queries.length = 0;
  });

  test('total ignores limit and offset; items are the page, populated and typed as find', async () => {
    const { items, total } = await fx.orm.em
      .fork()
      .findAndCount(Author, { name: { $ne: 'A0' } }, { orderBy: { name: 'desc' }, limit: 2, offset: 1, populate: ['books'] });
    expect(items.map((a) => a.name)).toEqual(['A5', 'A4']);
    // `books` is loaded in the type too: getItems() compiles only on a populated collection.
    expect(items.map((a) => a.books.getItems().map((b) => b.title))).toEqual([['B5'], ['B4']]);
    expect(total).toBe(6);
    expect(fx.sent('select')).toHaveLength(3);
  });

  test('a page past the end still counts every match', async () => {
    const { items, total } = await fx.orm.em.fork().findAndCount(Author, {}, { limit: 10, offset: 100 });
    expect(items).toEqual([]);
    expect(total).toBe(7);
  });
});

import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect([Author], (fx) => {
  async function seed(): Promise<number> {
    const em = fx.orm.em.fork();
    const ada = em.create(Author, { name: 'Ada', email: 'ada@example.com' });
    await em.flush();
    fx.queries.length = 0;
    return ada.id;
  }

  test('a row loaded twice in one EntityManager is one object', async () => {
    const id = await seed();
    const em = fx.orm.em.fork();
    const [byFind] = await em.find(Author, { email: 'ada@example.com' });
    const byId = await em.findOne(Author, { name: 'Ada' });
    expect(byFind.id).toBe(id);
    expect(byId).toBe(byFind);
  });

  test('findOne by primary key of a managed entity sends no query', async () => {
    const id = await seed();
    const em = fx.orm.em.fork();
    const first = await em.findOne(Author, id);
    const before = fx.queries.length;
    expect(await em.findOne(Author, id)).toBe(first);
    expect(await em.findOne(Author, { id })).toBe(first);
    expect(fx.queries.length).toBe(before);
  });

  test('an entity persisted and flushed is found by its generated id without a query', async () => {
    const em = fx.orm.em.fork();
    const ada = em.create(Author, { name: 'Ada', email: 'ada@example.com' });
    await em.flush();
    const before = fx.queries.length;
    expect(await em.findOne(Author, ada.id)).toBe(ada);
    expect(fx.queries.length).toBe(before);
  });

  test('different forks never share instances', async () => {
    const id = await seed();
    const a = await fx.orm.em.fork().findOneOrFail(Author, id);
    const b = await fx.orm.em.fork().findOneOrFail(Author, id);
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
  });

  test('a reload never overwrites unflushed changes', async () => {
    const id = await seed();
    const em = fx.orm.em.fork();
    const ada = await em.findOneOrFail(Author, id);
    ada.name = 'Changed in memory';
    const [again] = await em.find(Author, {});
    expect(again).toBe(ada);
    expect(again.name).toBe('Changed in memory');
  });

  test('a partial load is completed by a later full load, without losing changes', async () => {
    await seed();
    const em = fx.orm.em.fork();
    const [partial] = await em.find(Author, {}, { fields: ['name'] });
    expect(partial.name).toBe('Ada');
    expect(partial.email).toBeUndefined();
    partial.name = 'Ada L';
    const [full] = await em.find(Author, {});
    expect(full).toBe(partial);
    expect(full.email).toBe('ada@example.com');
    expect(full.name).toBe('Ada L');
    await em.flush();
    expect(fx.sent('update')).toHaveLength(1);
    expect((await fx.raw.rows('authors'))[0]).toMatchObject({ name: 'Ada L', email: 'ada@example.com' });
  });

  test('clear() forgets managed entities', async () => {
    const id = await seed();
    const em = fx.orm.em.fork();
    const first = await em.findOneOrFail(Author, id);
    em.clear();
    const second = await em.findOneOrFail(Author, id);
    expect(second).not.toBe(first);
  });
});

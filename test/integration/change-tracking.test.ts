import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect([Author], (fx) => {
  async function seedTwo(): Promise<void> {
    const em = fx.orm.em.fork();
    em.create(Author, { name: 'Ada', email: 'ada@example.com', age: 36, meta: { tags: ['math'] } });
    em.create(Author, { name: 'Bob', email: 'bob@example.com', age: 40 });
    await em.flush();
    fx.queries.length = 0;
  }

  test('a flush with no changes sends zero statements', async () => {
    await seedTwo();
    const em = fx.orm.em.fork();
    await em.find(Author, {});
    fx.queries.length = 0;
    await em.flush();
    expect(fx.queries).toHaveLength(0);
  });

  test('changing a value and changing it back sends nothing', async () => {
    await seedTwo();
    const em = fx.orm.em.fork();
    const [ada] = await em.find(Author, { name: 'Ada' });
    fx.queries.length = 0;
    ada.name = 'Other';
    ada.name = 'Ada';
    ada.createdAt = new Date(ada.createdAt.getTime());
    ada.meta = { tags: ['math'] };
    await em.flush();
    expect(fx.queries).toHaveLength(0);
  });

  test('flush updates only the changed columns of the changed entities', async () => {
    await seedTwo();
    const em = fx.orm.em.fork();
    const [ada, bob] = await em.find(Author, {}, { orderBy: { name: 'asc' } });
    fx.queries.length = 0;
    ada.age = 37;
    await em.flush();
    const updates = fx.sent('update');
    expect(updates).toHaveLength(1);
    expect(updates[0].sql).toContain('age');
    expect(updates[0].sql).not.toContain('name');
    expect(updates[0].sql).not.toContain('email');
    expect(updates[0].params).not.toContain(bob.name);
    const rows = await fx.raw.rows('authors');
    expect(rows.map((r) => [r.name, Number(r.age)])).toEqual([
      ['Ada', 37],
      ['Bob', 40],
    ]);
  });

  test('a JSON value mutated in place is detected', async () => {
    await seedTwo();
    const em = fx.orm.em.fork();
    const ada = await em.findOneOrFail(Author, { name: 'Ada' });
    (ada.meta!.tags as string[]).push('poetry');
    await em.flush();
    expect(fx.sent('update')).toHaveLength(1);
    const fresh = await fx.orm.em.fork().findOneOrFail(Author, { name: 'Ada' });
    expect(fresh.meta).toEqual({ tags: ['math', 'poetry'] });
  });

  test('after a flush the snapshot is refreshed: a second flush sends nothing', async () => {
    await seedTwo();
    const em = fx.orm.em.fork();
    const ada = await em.findOneOrFail(Author, { name: 'Ada' });
    ada.name = 'Ada Lovelace';
    await em.flush();
    fx.queries.length = 0;
    await em.flush();
    expect(fx.queries).toHaveLength(0);
  });

  test('the version increments on update, in memory and in the database', async () => {
    await seedTwo();
    const em = fx.orm.em.fork();
    const ada = await em.findOneOrFail(Author, { name: 'Ada' });
    expect(ada.version).toBe(1);
    ada.age = 50;
    await em.flush();
    expect(ada.version).toBe(2);
    const row = (await fx.raw.rows('authors')).find((r) => r.name === 'Ada');
    expect(Number(row?.version)).toBe(2);
  });
});

import { OptimisticLockError } from '../../src';
import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect([Author], (fx) => {
  async function seed(n = 1): Promise<void> {
    const em = fx.orm.em.fork();
    for (let i = 0; i < n; i++) em.create(Author, { name: `A${i}`, email: `a${i}@x.io`, age: i });
    await em.flush();
  }

  test('the second of two concurrent flushes throws and its transaction writes nothing', async () => {
    await seed();
    const first = fx.orm.em.fork();
    const second = fx.orm.em.fork();
    const a = await first.findOneOrFail(Author, { name: 'A0' });
    const b = await second.findOneOrFail(Author, { name: 'A0' });
    a.age = 1;
    b.age = 2;
    second.create(Author, { name: 'Written with b', email: 'b@x.io' });
    await first.flush();
    const failure = await second.flush().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OptimisticLockError);
    expect((failure as OptimisticLockError).entity).toBe('Author');
    const rows = await fx.raw.rows('authors');
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].age)).toBe(1);
    expect(Number(rows[0].version)).toBe(2);
    // b keeps its pending change and its loaded version.
    expect(b.age).toBe(2);
    expect(b.version).toBe(1);
  });

  test('a batched update with one stale row fails as a whole', async () => {
    await seed(3);
    const stale = fx.orm.em.fork();
    const all = await stale.find(Author, {}, { orderBy: { id: 'asc' } });
    const other = fx.orm.em.fork();
    (await other.findOneOrFail(Author, { name: 'A1' })).name = 'Changed elsewhere';
    await other.flush();
    for (const a of all) a.age = 99;
    await expect(stale.flush()).rejects.toBeInstanceOf(OptimisticLockError);
    const rows = await fx.raw.rows('authors');
    expect(rows.map((r) => Number(r.age))).toEqual([0, 1, 2]);
  });

  test('removing a row changed since it was loaded throws', async () => {
    await seed();
    const stale = fx.orm.em.fork();
    const a = await stale.findOneOrFail(Author, { name: 'A0' });
    const other = fx.orm.em.fork();
    (await other.findOneOrFail(Author, a.id)).age = 5;
    await other.flush();
    stale.remove(a);
    await expect(stale.flush()).rejects.toBeInstanceOf(OptimisticLockError);
    expect(await fx.raw.count('authors')).toBe(1);
  });
});

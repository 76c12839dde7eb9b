import { ident, QueryError, raw, sql } from '../../src';
import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect([Author], (fx) => {
  beforeEach(async () => {
    const em = fx.orm.em.fork();
    for (const [name, age] of [['Ada', 36], ['Alan', 41], ['Bob', 17]] as const) em.create(Author, { name, email: `${name}@x.io`, age });
    await em.flush();
    fx.queries.length = 0;
  });

  const placeholders = (n: number) => Array.from({ length: n }, (_, i) => (fx.dialect === 'postgres' ? `$${i + 1}` : '?'));

  test('every interpolated value is a bound parameter; plain rows come back', async () => {
    const min = 20;
    const rows = await fx.orm.em.fork().sql<{ n: number }>`select count(*) as n from authors where age > ${min}`;
    expect(Number(rows[0].n)).toBe(2);
    const [p1] = placeholders(1);
    expect(fx.queries.map((q) => [q.sql, q.params])).toEqual([[`select count(*) as n from authors where age > ${p1}`, [20]]]);
  });

  test('raw() and sql`` fragments nest, with placeholders numbered per dialect; ident() is quoted', async () => {
    const adult = raw('age >= ? and age <= ?', [18, 40]);
    const named = sql`name like ${'A%'} and ${adult}`;
    const rows = await fx.orm.em.fork().sql<{ name: string }>`select name from ${ident('authors')} where ${named} and ${sql.id('id')} > ${0} order by name`;
    expect(rows.map((r) => r.name)).toEqual(['Ada']);
    const [p1, p2, p3, p4] = placeholders(4);
    const q = fx.dialect === 'mariadb' ? '`' : '"';
    expect(fx.queries[0].sql).toBe(
      `select name from ${q}authors${q} where name like ${p1} and age >= ${p2} and age <= ${p3} and ${q}id${q} > ${p4} order by name`,
    );
    expect(fx.queries[0].params).toEqual(['A%', 18, 40, 0]);
  });

  test('hostile strings stay values, hostile names stay names', async () => {
    const em = fx.orm.em.fork();
    const hostile = ["x' or '1'='1", "'; drop table authors; --", 'Ada" or 1=1 --', 'back\\slash`tick'];
    for (const value of hostile) {
      expect(await em.sql`select name from authors where name = ${value}`).toEqual([]);
      expect(await em.sql`select name from authors where ${raw('name = ?', [value])}`).toEqual([]);
    }
    await expect(em.sql`select 1 from ${ident('authors; drop table authors')}`).rejects.toThrow();
    await expect(em.sql`select 1 from ${ident('authors" --')}`).rejects.toThrow();
    await expect(em.sql`select 1 from ${ident('authors` --')}`).rejects.toThrow();
    expect(await fx.raw.count('authors')).toBe(3);
  });

  test('no call takes unbound text: a plain string and a wrong raw() count are QueryErrors before any SQL', async () => {
    const em = fx.orm.em.fork();
    const call = em.sql as unknown as (text: string) => Promise<unknown>;
    await expect(call.call(em, 'select 1')).rejects.toThrow(QueryError);
    expect(() => raw('a = ? and b = ?', [1])).toThrow(QueryError);
    expect(() => ident('')).toThrow(QueryError);
    expect(fx.queries).toHaveLength(0);
  });

  test('inside transactional() it runs on the transaction', async () => {
    const em = fx.orm.em.fork();
    await em.transactional(async (tx) => {
      tx.create(Author, { name: 'Zed', email: 'zed@x.io', age: 50 });
      await tx.flush();
      const rows = await tx.sql<{ name: string }>`select name from authors where age = ${50}`;
      expect(rows.map((r) => r.name)).toEqual(['Zed']);
      await tx.sql`update authors set age = ${51} where name = ${'Zed'}`;
      throw new Error('roll back');
    }).catch(() => undefined);
    expect(await em.sql`select name from authors where name = ${'Zed'}`).toEqual([]);
  });
});

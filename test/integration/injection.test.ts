import { Column, Entity, PrimaryKey } from '../../src';
import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

/** Table and column names that end a quoted identifier early if quoting is wrong. */
@Entity({ table: 'weird "table` name' })
class Hostile {
  @PrimaryKey() id!: number;
  @Column({ column: `c'ol"; delete from authors; --` }) value!: string;
  @Column({ column: 'select' }) keyword!: string;
}

const HOSTILE_VALUES = [
  "'; drop table authors; --",
  '" or 1=1 --',
  '` or 1=1 --',
  "\\'; select 1; --",
  '$1 ? ?? :name',
  'ünïcødé 😀',
  '%_%',
];

describeEachDialect([Hostile, Author], (fx) => {
  test('hostile identifiers are quoted and hostile values are bound: everything round-trips', async () => {
    const em = fx.orm.em.fork();
    for (const value of HOSTILE_VALUES) em.create(Hostile, { value, keyword: value });
    em.create(Author, { name: 'Survivor', email: 's@x.io' });
    await em.flush();
    for (const q of fx.queries) for (const value of HOSTILE_VALUES) expect(q.sql).not.toContain(value);

    const read = await fx.orm.em.fork().find(Hostile, {}, { orderBy: { id: 'asc' } });
    expect(read.map((h) => h.value)).toEqual(HOSTILE_VALUES);
    expect(read.map((h) => h.keyword)).toEqual(HOSTILE_VALUES);
    expect(await fx.raw.count('authors')).toBe(1);
    expect(await fx.raw.count('weird "table` name')).toBe(HOSTILE_VALUES.length);
  });

  test('hostile values in filters match literally', async () => {
    const em = fx.orm.em.fork();
    for (const value of HOSTILE_VALUES) em.create(Hostile, { value, keyword: 'k' });
    await em.flush();
    const q = fx.orm.em.fork();
    for (const value of HOSTILE_VALUES) {
      const found = await q.find(Hostile, { value });
      expect(found.map((h) => h.value)).toEqual([value]);
    }
    expect(await q.count(Hostile, { value: { $in: HOSTILE_VALUES } })).toBe(HOSTILE_VALUES.length);
    expect(await q.count(Hostile, { $or: [{ value: "x' or '1'='1" }, { keyword: "k' --" }] })).toBe(0);
  });

  test('updates and deletes through hostile names work', async () => {
    const em = fx.orm.em.fork();
    const rows = HOSTILE_VALUES.map((value) => em.create(Hostile, { value, keyword: value }));
    await em.flush();
    for (const r of rows) r.value = `${r.value}!`;
    await em.flush();
    em.remove(rows.slice(0, 3));
    await em.flush();
    const left = await fx.orm.em.fork().find(Hostile, {}, { orderBy: { id: 'asc' } });
    expect(left.map((h) => h.value)).toEqual(HOSTILE_VALUES.slice(3).map((v) => `${v}!`));
  });
});

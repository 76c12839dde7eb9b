import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

const BATCH = 100;

describeEachDialect(
  [Author],
  (fx) => {
    function create(n: number) {
      const em = fx.orm.em.fork();
      const authors = Array.from({ length: n }, (_, i) => em.create(Author, { name: `A${i}`, email: `a${i}@x.io`, age: i }));
      return { em, authors };
    }

    test('N new entities are inserted with ceil(N / batch) statements in one transaction, ids on the objects', async () => {
      const { em, authors } = create(250);
      await em.flush();
      expect(fx.sent('insert')).toHaveLength(Math.ceil(250 / BATCH));
      expect(fx.sent('begin')).toHaveLength(1);
      expect(fx.sent('commit')).toHaveLength(1);
      const rows = await fx.raw.rows('authors');
      expect(rows).toHaveLength(250);
      // The ids on the objects are the ids of the rows that carry their data.
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      for (const a of authors) {
        expect(typeof a.id).toBe('number');
        expect(byId.get(a.id)?.email).toBe(a.email);
        expect(a.version).toBe(1);
      }
      expect(new Set(authors.map((a) => a.id)).size).toBe(250);
    });

    test('updates of N entities are batched the same way', async () => {
      await create(250).em.flush();
      const em = fx.orm.em.fork();
      const authors = await em.find(Author, {});
      for (const a of authors) a.age = (a.age ?? 0) + 1000;
      fx.queries.length = 0;
      await em.flush();
      expect(fx.sent('update')).toHaveLength(Math.ceil(250 / BATCH));
      const rows = await fx.raw.rows('authors');
      const byEmail = new Map(rows.map((r) => [r.email, Number(r.age)]));
      for (let i = 0; i < 250; i++) expect(byEmail.get(`a${i}@x.io`)).toBe(i + 1000);
      expect(rows.every((r) => Number(r.version) === 2)).toBe(true);
    });

    test('entities with different changed columns are grouped by column set', async () => {
      await create(4).em.flush();
      const em = fx.orm.em.fork();
      const [a, b, c, d] = await em.find(Author, {}, { orderBy: { id: 'asc' } });
      a.age = 100;
      b.age = 101;
      c.name = 'C';
      d.name = 'D';
      fx.queries.length = 0;
      await em.flush();
      expect(fx.sent('update')).toHaveLength(2);
      const rows = await fx.raw.rows('authors');
      expect(rows.map((r) => [r.name, Number(r.age)])).toEqual([
        ['A0', 100],
        ['A1', 101],
        ['C', 2],
        ['D', 3],
      ]);
    });

    test('removals use one DELETE per chunk, matching (key, version) in a list or an unnested array', async () => {
      await create(250).em.flush();
      const em = fx.orm.em.fork();
      em.remove(await em.find(Author, {}));
      fx.queries.length = 0;
      await em.flush();
      const deletes = fx.sent('delete');
      expect(deletes).toHaveLength(Math.ceil(250 / BATCH));
      expect(deletes[0].sql).toContain(fx.orm.dialect.capabilities.arrayParameters ? ' using unnest(' : ' in ((');
      expect(deletes[0].params).toHaveLength(fx.orm.dialect.capabilities.arrayParameters ? 2 : 2 * BATCH);
      expect(await fx.raw.count('authors')).toBe(0);
    });

    test('a removed entity leaves the identity map', async () => {
      await create(1).em.flush();
      const em = fx.orm.em.fork();
      const [a] = await em.find(Author, {});
      em.remove(a);
      await em.flush();
      fx.queries.length = 0;
      expect(await em.findOne(Author, a.id)).toBeNull();
      expect(fx.sent('select')).toHaveLength(1);
    });

    test('removing a new entity before flush just forgets it', async () => {
      const em = fx.orm.em.fork();
      const a = em.create(Author, { name: 'A', email: 'a@x.io' });
      em.remove(a);
      await em.flush();
      expect(fx.queries).toHaveLength(0);
    });
  },
  { batchSize: BATCH },
);

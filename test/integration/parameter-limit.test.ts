import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect(
  [Author],
  (fx) => {
    test("an INSERT chunk stays under the dialect's parameter limit whatever the batch size", async () => {
      // Inserted columns: name, email, age, created_at, meta, version.
      const perStatement = Math.floor(fx.orm.dialect.capabilities.maxParameters / 6);
      const total = perStatement + 1;
      const em = fx.orm.em.fork();
      for (let i = 0; i < total; i++) em.create(Author, { name: `A${i}`, email: `a${i}@x.io` });
      await em.flush();
      const inserts = fx.sent('insert');
      expect(inserts).toHaveLength(2);
      expect(inserts[0].params).toHaveLength(perStatement * 6);
      expect(inserts[1].params).toHaveLength(6);
      expect(await fx.raw.count('authors')).toBe(total);
    });
  },
  { batchSize: 1_000_000 },
);

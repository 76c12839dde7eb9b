import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect(
  [Author],
  (fx) => {
    test("an INSERT chunk stays under the dialect's parameter limit whatever the batch size", async () => {
      const arrays = fx.orm.dialect.capabilities.arrayParameters;
      // Inserted columns: name, email, age, created_at, meta, version.
      const perStatement = Math.floor(fx.orm.dialect.capabilities.maxParameters / 6);
      const total = perStatement + 1;
      const em = fx.orm.em.fork();
      for (let i = 0; i < total; i++) em.create(Author, { name: `A${i}`, email: `a${i}@x.io` });
      await em.flush();
      const inserts = fx.sent('insert');
      if (arrays) {
        // One array parameter per column: the limit never splits a batch.
        expect(inserts).toHaveLength(1);
        expect(inserts[0].params).toHaveLength(6);
        for (const column of inserts[0].params) expect(column).toHaveLength(total);
      } else {
        expect(inserts).toHaveLength(2);
        expect(inserts[0].params).toHaveLength(perStatement * 6);
        expect(inserts[1].params).toHaveLength(6);
      }
      expect(await fx.raw.count('authors')).toBe(total);
    });
  },
  { batchSize: 1_000_000 },
);

import { Orm } from '../../src';
import { describeEachDialect } from '../support/dialect-fixture';
import { generatedEntities } from '../support/generated-entities';

const TABLES = 100;
const first = generatedEntities(TABLES, false, 'scale');
const evolved = generatedEntities(TABLES, true, 'scale');

describeEachDialect(first, (fx) => {
  test(`a ${TABLES}-table schema is created, then changed on every table, through diff + render, with no churn after`, async () => {
    expect(await fx.orm.schema.diff()).toEqual([]);
    const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: evolved, pool: { min: 0, max: 2 } });
    try {
      const started = Date.now();
      const applied = await orm.schema.update();
      const seconds = (Date.now() - started) / 1000;
      // Per table: add note, widen name, drop the index.
      expect(applied.filter((op) => op.kind === 'addColumn')).toHaveLength(TABLES);
      expect(applied.filter((op) => op.kind === 'alterColumn')).toHaveLength(TABLES);
      expect(applied.filter((op) => op.kind === 'dropIndex')).toHaveLength(TABLES);
      expect(await orm.schema.diff()).toEqual([]);
      expect(seconds).toBeLessThan(30);
    } finally {
      await orm.schema.drop();
      await orm.close();
    }
  }, 120_000);
});

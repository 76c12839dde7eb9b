import fc from 'fast-check';
import { QueryError } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { RELATION_ENTITIES, Tag } from '../../support/relation-entities';

/** Characters that end a string literal, an identifier or a statement early when quoting or binding is wrong. */
const HOSTILE = ["'", '"', '`', ';', '-', '\\', '/', '*', '%', '_', '$', '?', ':', '(', ')', '\n', '\t', 'é', '😀', 'a', '1'];
const hostile = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...HOSTILE), minLength, maxLength });
/** MariaDB identifiers hold no 4-byte characters (a server limit, not a quoting matter): aliases leave out the emoji. */
const hostileAlias = fc.string({ unit: fc.constantFrom(...HOSTILE.filter((c) => c !== '😀')), minLength: 1, maxLength: 30 });

describeEachDialect(RELATION_ENTITIES, (fx) => {
  it('binds any value and quotes any alias: the row written is the row read back', async () => {
    await fc.assert(
      fc.asyncProperty(hostile(0, 40), hostileAlias, async (value, alias) => {
        const em = fx.orm.em.fork();
        await em.qb(Tag).delete().execute();
        await em.qb(Tag).insert({ name: value }).execute();
        const query = em.qb(Tag, alias).select(`${alias}.name` as 'name').where({ name: value });
        expect(query.getParams()).toEqual([value]);
        expect(await query.execute()).toEqual([{ name: value }]);
        expect(await em.qb(Tag).count()).toBe(1);
      }),
      { numRuns: 30 },
    );
  });

  it('turns a hostile column or alias in orderBy, select or where into a QueryError, with no SQL sent', () => {
    fc.assert(
      fc.property(hostile(1, 30), (key) => {
        fx.queries.length = 0;
        const qb = fx.orm.em.fork().qb(Tag, 't');
        for (const ref of [key, `t.${key}`, `${key}.name`]) {
          if (ref === 'name' || ref === 't.name' || ref === 'id' || ref === 't.id' || ref === 't.books') continue;
          expect(() => qb.orderBy({ [ref]: 'asc' } as never)).toThrow(QueryError);
          expect(() => qb.select([ref as never])).toThrow(QueryError);
          expect(() => qb.where({ [ref]: 1 } as never)).toThrow(QueryError);
        }
        expect(fx.queries).toHaveLength(0);
      }),
      { numRuns: 200 },
    );
  });
});

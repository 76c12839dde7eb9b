import { Orm, postgres } from '../../src';
import { Author } from '../support/entities';
import { ensureTestDatabase } from '../support/server-admin';
import { selectedDialects, testUrl } from '../support/test-databases';

/**
 * PostgreSQL prepares repeated statements on the server unless told not to (behind PgBouncer in transaction mode,
 * which cannot keep them): `postgres({ preparedStatements: false })`, or the deprecated top-level option.
 */
describe.each(selectedDialects().filter((d) => d === 'postgres'))('%s prepared statements', () => {
  beforeAll(() => ensureTestDatabase('postgres'));

  /** How many statements the ORM's one pooled session holds prepared after two identical finds. */
  async function preparedAfterTwoFinds(options: Partial<Parameters<typeof Orm.init>[0]>): Promise<number> {
    const orm = await Orm.init({ dialect: 'postgres', url: testUrl('postgres'), entities: [Author], pool: { min: 0, max: 1 }, ...options });
    try {
      await orm.schema.drop();
      await orm.schema.create();
      await orm.em.fork().find(Author, { name: 'Ada' });
      await orm.em.fork().find(Author, { name: 'Ada' });
      const [{ n }] = await orm.em.fork().sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`;
      return n;
    } finally {
      await orm.close();
    }
  }

  test('are prepared by default, and not with postgres({ preparedStatements: false }) or the deprecated option', async () => {
    expect(await preparedAfterTwoFinds({})).toBeGreaterThan(0);
    expect(await preparedAfterTwoFinds({ dialect: postgres({ preparedStatements: false }) })).toBe(0);
    expect(await preparedAfterTwoFinds({ preparedStatements: false })).toBe(0);
  });
});

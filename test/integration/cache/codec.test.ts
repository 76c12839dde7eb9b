import { describeEachDialect, withOrm, type Fixture } from '../../support/dialect-fixture';
import { kitchenRows } from '../../support/backup-entities';
import { CachedCountry, CachedKitchen } from '../../support/cache-entities';
import { dropRedisPrefix, SHARED_REDIS_URL, testRedisPrefix } from '../../support/redis-prefix';

const prefix = testRedisPrefix('cache-codec');

/** What a value is, beyond equality: a Date and its ISO string, a Buffer and its bytes as an array are not alike. */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'Date';
  if (Buffer.isBuffer(value)) return 'Buffer';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The cached entity holds the same values, of the same kinds, as the one read from the database. */
function expectSameEntity(cached: CachedKitchen, uncached: CachedKitchen): void {
  expect(cached).toBeInstanceOf(CachedKitchen);
  const c = cached as unknown as Record<string, unknown>;
  const u = uncached as unknown as Record<string, unknown>;
  expect(Object.keys(c).sort()).toEqual(Object.keys(u).sort());
  expect(Object.keys(u).map((key) => [key, kind(c[key])])).toEqual(Object.keys(u).map((key) => [key, kind(u[key])]));
  expect({ ...c }).toStrictEqual({ ...u });
}

/**
 * Beyond kitchenRows(): negative zeros, and JSON that looks like the codec's own tags (`$d`, `$b`, ...) at the top
 * and nested in arrays.
 */
function codecEdges(): Partial<CachedKitchen>[] {
  const [base] = kitchenRows();
  return [
    { ...base, float: -0, double: -0 },
    { ...base, doc: { $a: [1], $b: 'AAE=', $d: 1700000000000, $f: 'NaN', $j: { x: 1 }, $n: '5' } },
    { ...base, doc: [[1, { $d: 0 }], { $n: '9007199254740993' }, 'x', null] },
  ];
}

/** Writes kitchenRows() (every type, its edges and NULLs) and codecEdges() through the cached Orm; their ids. */
async function seed(fx: Fixture): Promise<number[]> {
  const em = fx.orm.em.fork();
  const rows = [...kitchenRows(), ...codecEdges()].map((data) => em.create(CachedKitchen, { ...data }));
  await em.flush();
  return rows.map((row) => row.id);
}

/** The same rows read by an Orm without a cache. */
function uncachedReads(fx: Fixture, ids: readonly number[]): Promise<CachedKitchen[]> {
  return withOrm(fx, [CachedKitchen], (orm) => Promise.all(ids.map((id) => orm.em.fork().findOneOrFail(CachedKitchen, id))));
}

function codecSuite(fx: Fixture): void {
  // The schema is recreated before each test behind the cache's back, and the Redis prefix is shared by the dialects.
  beforeEach(async () => {
    for (const entity of CODEC_ENTITIES) await fx.orm.cache.invalidate(entity);
  });

  it('every column type comes back from the entity cache exactly as an uncached read gives it', async () => {
    const ids = await seed(fx);
    for (const id of ids) await fx.orm.em.fork().findOneOrFail(CachedKitchen, id);
    fx.queries.length = 0;
    const cached: CachedKitchen[] = [];
    for (const id of ids) cached.push(await fx.orm.em.fork().findOneOrFail(CachedKitchen, id));
    expect(fx.sent('select')).toEqual([]);

    const uncached = await uncachedReads(fx, ids);
    for (const [i, entity] of cached.entries()) expectSameEntity(entity, uncached[i]);
  });

  it('every column type comes back from the result cache exactly as an uncached read gives it', async () => {
    const ids = await seed(fx);
    const query = () => fx.orm.em.fork().find(CachedKitchen, {}, { orderBy: { id: 'asc' }, cache: 60 });
    await query();
    fx.queries.length = 0;
    const cached = await query();
    expect(fx.sent('select')).toEqual([]);

    const uncached = await uncachedReads(fx, ids);
    expect(cached.map((entity) => entity.id)).toEqual(ids);
    for (const [i, entity] of cached.entries()) expectSameEntity(entity, uncached[i]);
  });

  it('finds a row by a key the database matches and JavaScript does not (a case-insensitive collation) as an uncached read does', async () => {
    const em = fx.orm.em.fork();
    em.create(CachedCountry, { code: 'FR', name: 'France' });
    await em.flush();
    const uncached = await withOrm(fx, [CachedCountry], (orm) => orm.em.fork().findOne(CachedCountry, 'fr'));
    // MariaDB finds FR; SQLite and PostgreSQL compare exactly and find nothing.
    expect(uncached?.code).toBe(fx.dialect === 'mariadb' ? 'FR' : undefined);
    for (let read = 0; read < 2; read++) expect((await fx.orm.em.fork().findOne(CachedCountry, 'fr'))?.code).toBe(uncached?.code);
    expect((await fx.orm.em.fork().findOne(CachedCountry, 'FR'))?.code).toBe('FR');
  });
}

const CODEC_ENTITIES = [CachedKitchen, CachedCountry];

describe('the memory store', () => {
  describeEachDialect(CODEC_ENTITIES, codecSuite, { cache: { store: 'memory' } });
});

describe('the Redis store', () => {
  afterAll(() => dropRedisPrefix(prefix));

  describeEachDialect(CODEC_ENTITIES, codecSuite, { cache: { store: 'redis', redis: SHARED_REDIS_URL, prefix } });
});

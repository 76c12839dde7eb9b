import { Collection, Column, type LoadedCollection, Entity, Filter, ManyToMany, ManyToOne, PrimaryKey, SoftDelete, type CacheOptions, type Orm } from '../../../src';
import { MemoryStore } from '../../../src/cache/memory-store';
import { RedisStore } from '../../../src/cache/redis-store';
import type { OrmContext } from '../../../src/em/orm-context';
import type { CompiledQuery } from '../../../src/query/compiler/compiled-query';
import { dropRedisPrefix, SHARED_REDIS_URL, testRedisPrefix } from '../../support/redis-prefix';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';

@Entity({ table: 'cc_countries', cache: { ttl: 600 } })
class Country {
  @PrimaryKey({ type: 'string', length: 2 }) code!: string;
  @Column() name!: string;
  @Column({ type: 'int' }) population!: number;
  @Column({ type: 'bigint' }) gdp!: string;
  @Column({ type: 'decimal', precision: 12, scale: 3 }) area!: string;
  @Column({ type: 'double' }) ratio!: number;
  @Column({ type: 'boolean' }) coastal!: boolean;
  @Column({ type: 'date' }) founded!: string;
  @Column({ type: 'timestamp' }) updatedAt!: Date;
  @Column({ type: 'json' }) meta!: unknown;
  @Column({ type: 'blob' }) flag!: Buffer;
  @Column({ type: 'uuid' }) ref!: string;
  @Column({ type: 'text', nullable: true }) note: string | null = null;
}

@Entity({ table: 'cc_authors', cache: { ttl: 600 } })
class Author {
  @PrimaryKey() id!: number;
  @Column() name!: string;
}

@Entity({ table: 'cc_tags' })
class Tag {
  @PrimaryKey() id!: number;
  @Column() name!: string;
}

@Entity({ table: 'cc_books' })
class Book {
  @PrimaryKey() id!: number;
  @Column() title!: string;
  @ManyToOne(() => Author) author!: Author;
  @ManyToMany(() => Tag, undefined, { owner: true }) tags = new Collection<Tag>(this);
}

@Entity({ table: 'cc_notes', cache: { ttl: 600 } })
class Note {
  @PrimaryKey() id!: number;
  @Column() text!: string;
  @SoftDelete() @Column({ type: 'timestamp', nullable: true }) deletedAt: Date | null = null;
}

@Entity({ table: 'cc_docs', cache: { ttl: 600 } })
@Filter({ name: 'tenant', cond: (args: { tenant: number }) => ({ tenant: args.tenant }), default: false })
class Doc {
  @PrimaryKey() id!: number;
  @Column({ type: 'int' }) tenant!: number;
  @Column() title!: string;
}

const ENTITIES = [Country, Author, Tag, Book, Note, Doc];
/** One prefix per run of this file on the shared Redis: never another test's keys (removed in afterAll). */
const PREFIX = testRedisPrefix('cache-core');

const STORES: readonly [string, CacheOptions][] = [
  ['memory', { store: 'memory' }],
  ['redis', { store: 'redis', redis: SHARED_REDIS_URL, prefix: PREFIX }],
];

afterAll(() => dropRedisPrefix(PREFIX));

const COUNTRY = {
  code: 'FR',
  name: 'France',
  population: 68_000_000,
  gdp: '3030904000000000001',
  area: '643801.125',
  ratio: 0.1 + 0.2,
  coastal: true,
  founded: '0843-08-10',
  updatedAt: new Date('2026-03-04T05:06:07.891Z'),
  meta: { capital: 'Paris', regions: [13, null, 'x'], nested: { ok: true } },
  flag: Buffer.from([0, 1, 2, 250, 255]),
  ref: '0e4ac5c4-52d6-4b74-9a57-8ffb1a3f3a36',
  note: null,
};

/** The SELECTs sent while `work` runs. */
async function selects(fx: Fixture, work: () => Promise<unknown>): Promise<string[]> {
  const before = fx.queries.length;
  await work();
  return fx.queries.slice(before).filter((q) => /^\s*select/i.test(q.sql)).map((q) => q.sql);
}

/** Calls of the store's `method` while `work` runs (one call is one round trip to the store). */
async function storeCalls(method: 'read' | 'write' | 'invalidate', work: () => Promise<unknown>): Promise<number> {
  const spies = [jest.spyOn(MemoryStore.prototype, method), jest.spyOn(RedisStore.prototype, method)];
  try {
    await work();
    return spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

const items = <T extends object>(collection: Collection<T>): T[] => (collection as LoadedCollection<T>).getItems();

async function seed(orm: Orm): Promise<void> {
  const em = orm.em.fork();
  em.create(Country, COUNTRY);
  const ada = em.create(Author, { id: 1, name: 'Ada' });
  const bob = em.create(Author, { id: 2, name: 'Bob' });
  const cy = em.create(Author, { id: 3, name: 'Cy' });
  const red = em.create(Tag, { id: 1, name: 'red' });
  const b1 = em.create(Book, { id: 1, title: 'One', author: ada });
  b1.tags.add(red);
  em.create(Book, { id: 2, title: 'Two', author: bob });
  em.create(Book, { id: 3, title: 'Three', author: cy });
  em.create(Book, { id: 4, title: 'Four', author: ada });
  em.create(Note, { id: 1, text: 'kept' });
  em.create(Doc, { id: 1, tenant: 1, title: 'mine' });
  await em.flush();
}

describe.each(STORES)('cache on %s', (_store, cache) => {
  describeEachDialect(
    ENTITIES,
    (fx) => {
      beforeEach(async () => {
        // The schema was dropped and created behind the cache's back (as a migration would): start empty.
        await fx.orm.cache.clear();
        await seed(fx.orm);
      });

      test('findOne by key: the second read in a fresh fork sends no SQL, and every column type comes back as a database read gives it', async () => {
        const first = await fx.orm.em.fork().findOne(Country, 'FR');
        let cached: Country | null = null;
        expect(await selects(fx, async () => (cached = await fx.orm.em.fork().findOne(Country, 'FR')))).toEqual([]);
        expect(cached).toEqual(first);
        expect(cached).toEqual(expect.objectContaining({ ...COUNTRY, ratio: expect.closeTo(0.3, 12) }));
        expect(cached!.updatedAt).toBeInstanceOf(Date);
        expect(Buffer.isBuffer(cached!.flag)).toBe(true);
        // A hit is managed like a read: a change to it is flushed.
        const em = fx.orm.em.fork();
        const country = (await em.findOne(Country, 'FR'))!;
        country.name = 'République française';
        await em.flush();
        expect((await fx.orm.em.fork().findOne(Country, 'FR'))!.name).toBe('République française');
      });

      test('to-one populate and Reference loads of a cached class: one store read per batch, misses in one query, then no SQL', async () => {
        let reads = await storeCalls('read', async () => {
          const sent = await selects(fx, () => fx.orm.em.fork().find(Book, {}, { populate: ['author'] }));
          expect(sent).toHaveLength(2); // the books, then the three authors in one query
        });
        expect(reads).toBe(1);
        reads = await storeCalls('read', async () => {
          const em = fx.orm.em.fork();
          const books = await em.find(Book, {}, { orderBy: { id: 'asc' } });
          const sent = await selects(fx, () => em.populate(books, ['author']));
          expect(sent).toEqual([]);
          expect(books.map((b) => b.author.name)).toEqual(['Ada', 'Bob', 'Cy', 'Ada']);
        });
        expect(reads).toBe(1);
        const em = fx.orm.em.fork();
        const ref = em.getReference(Author, 2);
        expect(await selects(fx, () => em.findOne(Author, 2))).toEqual([]);
        expect(ref.name).toBe('Bob');
      });

      test('a commit invalidates what it wrote, after the commit; a rollback touches nothing', async () => {
        await fx.orm.em.fork().findOne(Author, 1);
        // Rolled back: the cached row stays served.
        await expect(
          fx.orm.em.fork().transactional(async (tx) => {
            (await tx.findOne(Author, 1))!.name = 'Never';
            await tx.flush();
            throw new Error('abort');
          }),
        ).rejects.toThrow('abort');
        let seen: Author | null = null;
        expect(await selects(fx, async () => (seen = await fx.orm.em.fork().findOne(Author, 1)))).toEqual([]);
        expect(seen!.name).toBe('Ada');
        // Committed: the next read goes to the database and sees the change.
        const em = fx.orm.em.fork();
        (await em.findOne(Author, 1))!.name = 'Ada L.';
        await em.flush();
        expect(await selects(fx, async () => (seen = await fx.orm.em.fork().findOne(Author, 1)))).toHaveLength(1);
        expect(seen!.name).toBe('Ada L.');
        // Deleted: gone.
        const del = fx.orm.em.fork();
        del.remove([(await del.findOne(Book, 3))!, (await del.findOne(Author, 3))!]);
        await del.flush();
        expect(await fx.orm.em.fork().findOne(Author, 3)).toBeNull();
      });

      test('inside transactional the cache is invalidated at the outermost commit only, not at the savepoint flush', async () => {
        await fx.orm.em.fork().findOne(Author, 1);
        const calls: number[] = [];
        const total = await storeCalls('invalidate', () =>
          fx.orm.em.fork().transactional(async (tx) => {
            (await tx.findOne(Author, 1))!.name = 'Inner';
            await tx.transactional(async (inner) => inner.flush());
            await tx.flush();
            const outside = await fx.orm.em.fork().findOne(Author, 1);
            calls.push(outside!.name === 'Ada' ? 1 : 0);
          }),
        );
        expect(calls).toEqual([1]); // before the commit, others still read the committed (cached) row
        expect(total).toBe(1);
        expect((await fx.orm.em.fork().findOne(Author, 1))!.name).toBe('Inner');
      });

      test('query-builder update, delete and upsert invalidate the whole class and results on its table', async () => {
        const read = async () => (await fx.orm.em.fork().findOne(Author, 2))!.name;
        await read();
        await fx.orm.em.fork().qb(Author).update({ name: 'Bobby' }).where({ id: 2 }).execute();
        expect(await read()).toBe('Bobby');
        await fx.orm.em.fork().qb(Author).insert({ id: 2, name: 'Robert' }).onConflict(['id']).merge(['name']).execute();
        expect(await read()).toBe('Robert');
        await fx.orm.em.fork().find(Book, { author: 2 }, { cache: 60 });
        await fx.orm.em.fork().qb(Book).delete().where({ author: 2 }).execute();
        await fx.orm.em.fork().qb(Author).delete().where({ id: 2 }).execute();
        expect(await fx.orm.em.fork().findOne(Author, 2)).toBeNull();
        expect(await fx.orm.em.fork().find(Book, { author: 2 }, { cache: 60 })).toEqual([]);
      });

      test('result cache: a hit sends no SQL; a write to the root, a joined or a populated table invalidates it', async () => {
        const find = () => fx.orm.em.fork().find(Book, { author: 1 }, { cache: 300, populate: ['tags'], orderBy: { id: 'asc' } });
        expect(await selects(fx, find)).toHaveLength(2);
        let books: Book[] = [];
        expect(await selects(fx, async () => (books = await find()))).toEqual([]);
        expect(books.map((b) => [b.title, items(b.tags).map((t) => t.name)])).toEqual([
          ['One', ['red']],
          ['Four', []],
        ]);
        // A populated table (and the pivot table) is a tag.
        const em = fx.orm.em.fork();
        (await em.findOne(Tag, 1))!.name = 'crimson';
        await em.flush();
        expect(await selects(fx, async () => (books = await find()))).toHaveLength(2);
        expect(items(books[0].tags)[0].name).toBe('crimson');
        const link = fx.orm.em.fork();
        (await link.findOne(Book, 4, { populate: ['tags'] }))!.tags.add(link.getReference(Tag, 1));
        await link.flush();
        expect(await selects(fx, async () => (books = await find()))).toHaveLength(2);
        expect(items(books[1].tags).map((t) => t.name)).toEqual(['crimson']);
        // A joined table is a tag: the query builder's join through the author.
        const byAuthor = () => fx.orm.em.fork().qb(Book, 'b').innerJoin('b.author', 'a').where({ 'a.name': 'Ada' }).orderBy({ 'b.id': 'asc' }).cache({ ttl: 60, key: 'ada-books' }).getResult();
        expect((await byAuthor()).map((b) => b.id)).toEqual([1, 4]);
        expect(await selects(fx, byAuthor)).toEqual([]);
        const rename = fx.orm.em.fork();
        (await rename.findOne(Author, 1))!.name = 'Augusta';
        await rename.flush();
        let after: Book[] = [];
        expect(await selects(fx, async () => (after = await byAuthor()))).toHaveLength(1);
        expect(after).toEqual([]);
        // execute() rows are cached too.
        const rows = () => fx.orm.em.fork().qb(Book, 'b').select(['b.id', 'b.title']).where({ 'b.id': { $lte: 2 } }).orderBy({ 'b.id': 'asc' }).cache(60).execute();
        expect(await rows()).toEqual([{ id: 1, title: 'One' }, { id: 2, title: 'Two' }]);
        expect(await selects(fx, async () => expect(await rows()).toEqual([{ id: 1, title: 'One' }, { id: 2, title: 'Two' }]))).toEqual([]);
      });

      test('a result-cache hit merges into the identity map: same instances, unflushed changes kept', async () => {
        await fx.orm.em.fork().find(Book, {}, { cache: 60, orderBy: { id: 'asc' } });
        const em = fx.orm.em.fork();
        const mine = (await em.findOne(Book, 2))!;
        mine.title = 'Unflushed';
        let books: Book[] = [];
        expect(await selects(fx, async () => (books = await em.find(Book, {}, { cache: 60, orderBy: { id: 'asc' } })))).toEqual([]);
        expect(books[1]).toBe(mine);
        expect(books[1].title).toBe('Unflushed');
        expect(await em.findOne(Book, 1, { cache: 60 })).toBe(books[0]);
      });

      test('stampede: concurrent misses of one key run the query once', async () => {
        const results = await Promise.all(
          Array.from({ length: 6 }, () => fx.orm.em.fork().find(Book, { title: { $like: 'T%' } }, { cache: 60, orderBy: { id: 'asc' } })),
        );
        expect(fx.sent('select').filter((q) => q.sql.includes('cc_books'))).toHaveLength(1);
        for (const books of results) expect(books.map((b) => b.title)).toEqual(['Two', 'Three']);
      });

      test('a read that starts after a commit never joins a concurrent miss that began before it', async () => {
        const { resultCache, driver } = (fx.orm as unknown as { context: OrmContext }).context;
        const qb = fx.orm.em.fork().qb(Author, 'a').select(['a.name']).where({ 'a.id': 1 });
        const query = { sql: qb.getSql(), params: qb.getParams() } as CompiledQuery;
        const select = async (q: CompiledQuery) => {
          const connection = await driver.acquire();
          try {
            return (await connection.execute(q)).rows;
          } finally {
            await driver.release(connection);
          }
        };
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const read = resultCache!.describe(60, query, ['cc_authors']);
        const early = resultCache!.run(read, async (q) => {
          const rows = await select(q);
          await gate;
          return rows;
        }, (s) => s(query));
        await new Promise((resolve) => setTimeout(resolve, 20));
        await fx.orm.em.fork().transactional(async (tx) => {
          (await tx.findOne(Author, 1))!.name = 'After';
        });
        const late = await resultCache!.run(read, select, (s) => s(query));
        release();
        expect((await early)[0].name).toBe('Ada');
        expect(late[0].name).toBe('After');
      });

      test('em.sql writes are not seen until orm.cache.invalidate; stats count it all', async () => {
        const before = fx.orm.cache.stats();
        await fx.orm.em.fork().findOne(Author, 1);
        await fx.orm.em.fork().findOne(Author, 1);
        await fx.orm.em.fork().sql`update cc_authors set name = ${'Raw'} where id = ${1}`;
        expect((await fx.orm.em.fork().findOne(Author, 1))!.name).toBe('Ada'); // documented: raw SQL is not seen
        await fx.orm.cache.invalidate(Author);
        expect((await fx.orm.em.fork().findOne(Author, 1))!.name).toBe('Raw');
        const after = fx.orm.cache.stats();
        expect(after.hits - before.hits).toBe(2);
        expect(after.misses - before.misses).toBe(2);
        expect(after.sets - before.sets).toBe(2);
        expect(after.invalidations - before.invalidations).toBe(2);
        expect(after.errors).toBe(0);
        await fx.orm.cache.invalidate('cc_books');
      });

      test('orm.metrics() carries the cache counters as orm.cache.stats() has them', async () => {
        await fx.orm.em.fork().findOne(Author, 1);
        await fx.orm.em.fork().findOne(Author, 1);
        const stats = fx.orm.cache.stats();
        const metrics = fx.orm.metrics();
        expect(stats.hits).toBeGreaterThan(0);
        expect(metrics.value('tessera_cache_hits_total')).toBe(stats.hits);
        expect(metrics.value('tessera_cache_misses_total')).toBe(stats.misses);
        expect(metrics.value('tessera_cache_sets_total')).toBe(stats.sets);
        expect(metrics.value('tessera_cache_invalidations_total')).toBe(stats.invalidations);
        expect(metrics.toPrometheus()).toContain(`# TYPE tessera_cache_hits_total counter\ntessera_cache_hits_total ${stats.hits}\n`);
      });

      test('read filters: a soft-deleted row or another tenant is never served from the cache', async () => {
        await fx.orm.em.fork().findOne(Note, 1, { withDeleted: true });
        const em = fx.orm.em.fork();
        em.remove((await em.findOne(Note, 1))!);
        await em.flush();
        expect(await fx.orm.em.fork().findOne(Note, 1)).toBeNull();
        expect((await fx.orm.em.fork().findOne(Note, 1, { withDeleted: true }))!.deletedAt).toBeInstanceOf(Date);
        // A tenant's view: the filter's condition is in the SQL, the cache is not asked.
        await fx.orm.em.fork().findOne(Doc, 1);
        const other = fx.orm.em.fork();
        expect(await other.findOne(Doc, 1, { filters: { tenant: { tenant: 2 } } })).toBeNull();
        expect(await selects(fx, () => fx.orm.em.fork().findOne(Doc, 1, { filters: { tenant: { tenant: 1 } } }))).toHaveLength(1);
      });

      test('the classic race: a read that began before a commit cannot put its old row back after the invalidation', async () => {
        const { loadCache, resultCache } = (fx.orm as unknown as { context: OrmContext }).context;
        const meta = fx.orm.metadata.get(Author);
        const oldRows = await fx.orm.em.fork().sql`select * from cc_authors where id = ${1}`;
        // The writer commits (and invalidates) while the reader's database read is in flight; the reader then
        // hands back the row it read before that commit.
        const commitMeanwhile = (name: string) =>
          fx.orm.em.fork().transactional(async (tx) => {
            (await tx.findOne(Author, 1))!.name = name;
          });
        const rows = await loadCache!.rows(meta, [1], async () => {
          await commitMeanwhile('Newer');
          return oldRows;
        });
        expect(rows[0].name).toBe('Ada');
        expect((await fx.orm.em.fork().findOne(Author, 1))!.name).toBe('Newer');
        // The same for a cached result, whose tag the commit drops.
        const query = fx.orm.em.fork().qb(Author, 'a').where({ 'a.id': 1 });
        const read = resultCache!.describe(60, { sql: query.getSql(), params: query.getParams() } as never, ['cc_authors']);
        await resultCache!.run(read, async () => oldRows, async (select) => {
          const result = await select({ sql: query.getSql(), params: query.getParams() } as never);
          await commitMeanwhile('Newest');
          return result;
        });
        const fresh = await selects(fx, async () => expect(await fx.orm.em.fork().qb(Author, 'a').where({ 'a.id': 1 }).cache(60).getResult()).toEqual([expect.objectContaining({ name: 'Newest' })]));
        expect(fresh).toHaveLength(1);
      });

      test('inside a transaction nothing is read from or written to the cache', async () => {
        const reads = await storeCalls('read', () =>
          fx.orm.em.fork().transactional(async (tx) => {
            await tx.findOne(Author, 1);
            await tx.find(Book, {}, { cache: 60 });
          }),
        );
        expect(reads).toBe(0);
      });
    },
    { cache },
  );
});

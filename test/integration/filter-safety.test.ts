import { Column, ConnectionError, Entity, ident, PrimaryKey, QueryError, raw } from '../../src';
import { MAX_FILTER_DEPTH } from '../../src/query/filter-parser';
import { describeEachDialect, type Fixture } from '../support/dialect-fixture';
import { Author, Book, RELATION_ENTITIES, Tag } from '../support/relation-entities';

/** The QueryError `run` rejects with, after checking that no statement reached the database. */
async function refused(fx: Fixture, run: () => Promise<unknown>): Promise<string> {
  fx.queries.length = 0;
  // A builder refuses synchronously, a find asynchronously: either way no statement may have been sent.
  const error = await Promise.resolve().then(run).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QueryError);
  expect(fx.queries).toEqual([]);
  return (error as QueryError).message;
}

const UNDEFINED = "is undefined (a missing input?). Tessera does not drop it, which would widen the query: leave the key out, or compare with null for IS NULL.";

/** The request body of a login form without its token field. */
const body: { name?: string } = {};

describeEachDialect(RELATION_ENTITIES, (fx) => {
  async function seedAuthors(count: number): Promise<Author[]> {
    const em = fx.orm.em.fork();
    const authors = Array.from({ length: count }, (_, i) => em.create(Author, { name: `A${i + 1}` }));
    await em.flush();
    return authors;
  }

  describe('undefined in a filter is a QueryError before any SQL, never a dropped condition', () => {
    test('the login lookup: findOne with a missing value finds no user but an error', async () => {
      await seedAuthors(2);
      const em = fx.orm.em.fork();
      expect(await refused(fx, () => em.findOne(Author, { name: body.name }))).toBe(`The filter's Author.name ${UNDEFINED}`);
      expect(await refused(fx, () => em.findOneOrFail(Author, { name: body.name }))).toBe(`The filter's Author.name ${UNDEFINED}`);
      expect(await refused(fx, () => em.find(Author, { name: body.name }))).toBe(`The filter's Author.name ${UNDEFINED}`);
      expect(await refused(fx, () => em.count(Author, { name: body.name }))).toBe(`The filter's Author.name ${UNDEFINED}`);
    });

    test('a missing key or filter (findOne(E, undefined), findOne(E, null)) returns no first row', async () => {
      await seedAuthors(2);
      const em = fx.orm.em.fork();
      const missing = 'is undefined or null (a missing input?), which would match any row: pass a primary key or a filter object.';
      for (const key of [undefined, null]) {
        expect(await refused(fx, () => em.findOne(Author, key as never))).toBe(`The filter of findOne(Author, ..) ${missing}`);
        expect(await refused(fx, () => em.findOneOrFail(Author, key as never))).toBe(`The filter of findOne(Author, ..) ${missing}`);
        expect(await refused(fx, () => em.findByCursor(Author, key as never, { first: 1 }))).toBe(`The filter of findByCursor(Author, ..) ${missing}`);
      }
      expect(await refused(fx, () => em.find(Author, null as never))).toBe(`A filter on Author ${missing}`);
      // No filter at all still means every row.
      expect(await em.find(Author)).toHaveLength(2);
      expect(await em.find(Author, {})).toHaveLength(2);
    });

    test.each([
      ['an operator', { name: { $eq: undefined } }, `The filter's $eq on Author.name ${UNDEFINED}`],
      ['$ne', { name: { $ne: undefined } }, `The filter's $ne on Author.name ${UNDEFINED}`],
      ['$in', { id: { $in: undefined } }, `The filter's $in on Author.id ${UNDEFINED}`],
      ['an $in item', { id: { $in: [1, undefined] } }, `The filter's $in on Author.id ${UNDEFINED}`],
      ['$like', { name: { $like: undefined } }, `The filter's $like on Author.name ${UNDEFINED}`],
      ['inside $and', { $and: [{ name: 'A1' }, { name: undefined }] }, `The filter's Author.name ${UNDEFINED}`],
      ['inside $or', { $or: [{ name: 'A1' }, { id: undefined }] }, `The filter's Author.id ${UNDEFINED}`],
      ['an $or item', { $or: [{ name: 'A1' }, undefined] }, `The filter's Author.$or ${UNDEFINED}`],
      ['inside $not', { $not: { name: undefined } }, `The filter's Author.name ${UNDEFINED}`],
      ['a to-one relation', { mentor: undefined }, `The filter's Author.mentor ${UNDEFINED}`],
      ["a to-one relation's target", { mentor: { name: undefined } }, `The filter's Author.name ${UNDEFINED}`],
      ["a to-many relation's target", { books: { title: undefined } }, `The filter's Book.title ${UNDEFINED}`],
      ['two relations deep', { books: { tags: { name: { $in: [undefined] } } } }, `The filter's $in on Tag.name ${UNDEFINED}`],
    ])('%s', async (_label, filter, message) => {
      await seedAuthors(2);
      expect(await refused(fx, () => fx.orm.em.fork().find(Author, filter as never))).toBe(message);
    });

    test("the query builder's where and having, and a write builder's where (an undefined filter would delete every row)", async () => {
      await seedAuthors(2);
      const em = fx.orm.em.fork();
      expect(await refused(fx, () => em.qb(Author, 'a').where({ 'a.name': body.name }).execute())).toBe(`The filter's Author.name ${UNDEFINED}`);
      expect(await refused(fx, () => em.qb(Author, 'a').where({ $or: [{ 'a.id': 1 }, { 'a.name': { $eq: undefined } }] }).getResult())).toBe(
        `The filter's $eq on Author.name ${UNDEFINED}`,
      );
      expect(await refused(fx, () => em.qb(Author, 'a').where(undefined as never).execute())).toContain('A filter on Author is undefined or null');
      const grouped = () => em.qb(Author, 'a').innerJoin('a.books', 'b').select('a.name').groupBy('a.name');
      expect(await refused(fx, () => grouped().having({ $count: { 'b.id': { $gte: undefined } } }).execute())).toBe(
        `The filter's $count($gte) on Book.id ${UNDEFINED}`,
      );
      expect(await refused(fx, () => em.qb(Author).delete().where({ name: body.name }).execute())).toBe(`The filter's Author.name ${UNDEFINED}`);
      expect(await refused(fx, () => em.qb(Author).delete().where(undefined as never).execute())).toContain('A filter on Author is undefined or null');
      expect(await refused(fx, () => em.qb(Author).update({ name: 'X' }).where({ id: undefined }).execute())).toBe(`The filter's Author.id ${UNDEFINED}`);
      expect(await fx.raw.count('author')).toBe(2);
    });

    test('relation loading, populate and cursor pages still work', async () => {
      const em = fx.orm.em.fork();
      const ada = em.create(Author, { name: 'Ada' });
      const tag = em.create(Tag, { name: 't' });
      const book = em.create(Book, { title: 'B', author: ada });
      book.tags.add(tag);
      await em.flush();
      const fresh = fx.orm.em.fork();
      const [loaded] = await fresh.find(Author, { name: 'Ada' }, { populate: ['books', 'books.tags'] });
      expect(loaded.books.getItems().map((b) => b.tags.getItems().map((t) => t.name))).toEqual([['t']]);
      const page = await fresh.findByCursor(Author, {}, { first: 1, orderBy: { name: 'asc' } });
      expect(page.items.map((a) => a.name)).toEqual(['Ada']);
    });
  });

  test(`a filter nested deeper than ${MAX_FILTER_DEPTH} levels is a QueryError, even 100,000 deep`, async () => {
    await seedAuthors(1);
    const nest = (depth: number) => {
      let filter: object = { name: 'A1' };
      for (let i = 0; i < depth; i++) filter = i % 2 ? { $not: { $not: filter } } : { $and: [filter] };
      return filter;
    };
    expect(await fx.orm.em.fork().find(Author, nest(MAX_FILTER_DEPTH / 2) as never)).toHaveLength(1);
    const deep = `A filter on Author nests deeper than ${MAX_FILTER_DEPTH} levels ($and, $or, $not and relations).`;
    expect(await refused(fx, () => fx.orm.em.fork().find(Author, nest(100_000) as never))).toBe(deep);
    expect(await refused(fx, () => fx.orm.em.fork().qb(Author, 'a').where(nest(100_000) as never).execute())).toBe(deep);
    let relations: object = { name: 'A1' };
    for (let i = 0; i < 100_000; i++) relations = { mentor: relations };
    expect(await refused(fx, () => fx.orm.em.fork().find(Author, relations as never))).toContain(`nests deeper than ${MAX_FILTER_DEPTH} levels`);
  });

  describe('a long $in / $nin list', () => {
    test.each([70_000, 200_000])('of %d values returns the right rows, and the pool still works', async (length) => {
      const authors = await seedAuthors(4);
      const ids = authors.map((a) => a.id);
      const em = fx.orm.em.fork();
      // Keys that exist, among many that do not.
      const many = Array.from({ length }, (_, i) => ids[0] + 2 + i);
      const found = await em.find(Author, { id: { $in: many } }, { orderBy: { id: 'asc' } });
      expect(found.map((a) => a.id)).toEqual(ids.slice(2));
      // PostgreSQL binds the list as one array, SQLite as one JSON text; mysql2 escapes each value into the text.
      const [select] = fx.sent('select');
      expect(select.params).toHaveLength(fx.dialect === 'mariadb' ? length : 1);
      const kept = await em.find(Author, { id: { $nin: many } }, { orderBy: { id: 'asc' } });
      expect(kept.map((a) => a.id)).toEqual(ids.slice(0, 2));
      const names = Array.from({ length }, (_, i) => `A${i + 3}`);
      expect(await em.count(Author, { name: names })).toBe(2);
      expect(await em.count(Author, { name: { $nin: names } })).toBe(2);
      expect(await em.count(Author, { name: { $in: [...names, null as never] } })).toBe(2);
      expect(await em.count(Author, { $or: [{ id: { $in: many } }, { name: 'A1' }] })).toBe(3);
      expect(fx.queries.some((q) => q.error instanceof ConnectionError)).toBe(false);
      // The connection that sent the long statement is back in the pool, and usable.
      expect(await fx.orm.em.fork().count(Author, { name: 'A1' })).toBe(1);
    });

    test('in the query builder', async () => {
      const authors = await seedAuthors(3);
      const many = Array.from({ length: 70_000 }, (_, i) => authors[0].id + 1 + i);
      const rows = await fx.orm.em.fork().qb(Author, 'a').select('a.name').where({ 'a.id': { $in: many } }).orderBy({ 'a.name': 'asc' }).execute();
      expect(rows).toEqual([{ name: 'A2' }, { name: 'A3' }]);
    });
  });

  test("more bound parameters than the database accepts is a QueryError before sending (MariaDB's mysql2 escapes values into the text: no limit)", async () => {
    await seedAuthors(1);
    const { maxParameters } = fx.orm.dialect.capabilities;
    const values = Array.from({ length: 70_000 }, (_, i) => i);
    const run = () => fx.orm.em.fork().sql`select count(*) as n from ${ident('author')} where id in (${raw(values.map(() => '?').join(', '), values)})`;
    if (fx.dialect === 'mariadb') {
      expect(Number((await run())[0].n)).toBe(1);
    } else {
      expect(await refused(fx, run)).toBe(
        `A statement would bind 70000 parameters, more than the database accepts (${maxParameters}): split the query (e.g. a long $in list into several finds).`,
      );
    }
    expect(await fx.orm.em.fork().count(Author)).toBe(1);
  });

  test('a NUL in an identifier is a QueryError before any SQL (PostgreSQL would get a garbled message)', async () => {
    await seedAuthors(1);
    const em = fx.orm.em.fork();
    const nul = "The identifier 'a\\0b' contains a NUL character, which no database accepts in a name.";
    expect(await refused(fx, async () => em.sql`select 1 as ${ident('a\0b')}`)).toBe(nul);
    expect(await refused(fx, async () => em.qb(Author, 'a').aggregate({ 'a\0b': { $count: 'a.id' } }).execute())).toBe(nul);
    expect(await refused(fx, async () => em.qb(Author, 'a\0b').execute())).toBe(nul);
    expect(await refused(fx, async () => em.qb(Author, 'a').innerJoin('a.books', 'a\0b').execute())).toBe(nul);
    expect(await em.count(Author)).toBe(1);
  });
});

@Entity({ table: 'attachment' })
class Attachment {
  @PrimaryKey() id!: number;
  @Column({ type: 'blob' }) data!: Buffer;
}

/** mysql2 writes values into the statement's text, which the server takes up to its max_allowed_packet (16 MiB here). */
describeEachDialect(
  [...RELATION_ENTITIES, Attachment],
  (fx) => {
    test('a statement past max_allowed_packet is a QueryError before it is sent, and the connection stays usable', async () => {
      const em = fx.orm.em.fork();
      em.create(Author, { name: 'A1' });
      await em.flush();
      const names = Array.from({ length: 1_000_000 }, (_, i) => `a fairly long author name, number ${i}`);
      await expect(fx.orm.em.fork().count(Author, { name: { $in: names } })).rejects.toThrow(
        /^A statement would be \d+ bytes, more than the server accepts \(max_allowed_packet = \d+\): split the query/,
      );
      expect(fx.queries.filter((q) => q.error === undefined && q.sql.includes('count(*)'))).toEqual([]);

      const writer = fx.orm.em.fork();
      const attachment = writer.create(Attachment, { data: Buffer.alloc(20 * 1024 * 1024, 7) });
      await expect(writer.flush()).rejects.toBeInstanceOf(QueryError);
      expect(await fx.raw.count('attachment')).toBe(0);
      // Nothing was lost: the same connection pool serves the next statements, and a smaller value flushes.
      attachment.data = Buffer.alloc(1024, 7);
      await writer.flush();
      expect(await fx.raw.count('attachment')).toBe(1);
      expect(await fx.orm.em.fork().count(Author, { name: 'A1' })).toBe(1);
      expect(fx.queries.some((q) => q.error instanceof ConnectionError)).toBe(false);
    });
  },
  { dialects: ['mariadb'] },
);

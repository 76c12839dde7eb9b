import { asc, avg, count, desc, eq, gte, inArray, sql, sum } from 'drizzle-orm';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import type { DialectTarget } from '../../dialect-target';
import type { AuthorData } from '../../graph-data';
import type { ReportQuery, ReportRow } from '../../report-data';
import type { ItemData } from '../../scenario-data';
import type { Contender, ItemView, LoadedItems, TimedStep } from '../contender';
import type { BookView, GraphReader, TaggedBookView } from '../graph-view';
import { RawGraphBuilder, savedGraph } from '../raw/raw-graph';
import { reportRow } from '../raw/raw-report';
import * as schema from './drizzle-mariadb-schema';
import { UPDATE_CHUNK } from './drizzle-update-chunk';

const { item, author, book, tag, bookTags, reportAuthor, reportBook } = schema;

// As raw: 2,000-row INSERTs; `$returningId()` reads the ids as insertId, insertId + 1, ...
const INSERT_CHUNK = 2000;

/**
 * Drizzle on mysql2, each scenario through its fastest documented API: multi-row inserts with `$returningId()` in
 * one transaction, prepared selects with `sql.placeholder` (mysql2 `query`, as Drizzle sends them), the documented
 * `case when` bulk update in chunks, one `inArray` delete, three select-builder queries for S6 (relational queries
 * cannot run on MariaDB, see loadGraph) and a prepared select for S8. A pool of 10 like the ORMs'; no identity map,
 * so no S11.
 */
export class DrizzleMariadb implements Contender {
  readonly name = 'drizzle';
  #pool: mysql.Pool | undefined;
  #db: MySql2Database<typeof schema> | undefined;
  #prepared: ReturnType<typeof prepare> | undefined;

  async setup(target: DialectTarget): Promise<void> {
    this.#pool = mysql.createPool({ uri: target.url, connectionLimit: 10 });
    this.#db = drizzle({ client: this.#pool, schema, mode: 'default' });
    this.#prepared = prepare(this.#db);
  }

  async teardown(): Promise<void> {
    await this.#pool?.end();
    this.#pool = undefined;
    this.#db = undefined;
    this.#prepared = undefined;
  }

  async insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    const created: ItemView[] = [];
    await this.#ready().transaction(async (tx) => {
      for (let offset = 0; offset < items.length; offset += INSERT_CHUNK) {
        const chunk = items.slice(offset, offset + INSERT_CHUNK);
        const ids = await tx.insert(item).values(chunk.map((data) => ({ ...data }))).$returningId();
        chunk.forEach((data, i) => created.push({ ...data, id: ids[i].id }));
      }
    });
    return created;
  }

  async loadAll(): Promise<LoadedItems> {
    return { items: await this.#ready().select().from(item) };
  }

  async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    const db = this.#ready();
    const rows = await db.select().from(item);
    return () =>
      db.transaction(async (tx) => {
        for (let offset = 0; offset < rows.length; offset += UPDATE_CHUNK) {
          const chunk = rows.slice(offset, offset + UPDATE_CHUNK);
          const cases = chunk.map((row) => sql`when ${item.id} = ${row.id} then ${row.age + ageBump}`);
          await tx
            .update(item)
            .set({ age: sql`(case ${sql.join(cases, sql` `)} end)` })
            .where(inArray(item.id, chunk.map((row) => row.id)));
        }
      });
  }

  async findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    const { findItem } = this.#statements();
    const found: ItemView[] = [];
    for (const id of ids) found.push((await findItem.execute({ id }))[0]);
    return found;
  }

  async prepareRemoveAll(): Promise<TimedStep> {
    const db = this.#ready();
    const ids = (await db.select({ id: item.id }).from(item)).map((row) => row.id);
    return async () => {
      await db.delete(item).where(inArray(item.id, ids));
    };
  }

  async serveRequest(id: number, write: boolean): Promise<ItemView> {
    const { findItem, updateAge } = this.#statements();
    const [row] = await findItem.execute({ id });
    if (write) await updateAge.execute({ id, age: row.age + 1 });
    return row;
  }

  // Not a relational query: MariaDB has no LATERAL (the default mode) and rejects the outer reference inside a
  // derived table that mode 'planetscale' generates for `tag: true` ("Unknown column 'author_books_bookTags.tag_id'
  // in 'WHERE'"). So three select-builder queries, each level by `inArray` of the previous one's ids, linked in
  // JavaScript as raw links them.
  async loadGraph(): Promise<GraphReader<TaggedBookView>> {
    const db = this.#ready();
    const graph = new RawGraphBuilder();
    const authorIds = graph.addAuthors(await db.select({ id: author.id, name: author.name }).from(author));
    const books = await db
      .select({ id: book.id, title: book.title, author_id: book.authorId })
      .from(book)
      .where(inArray(book.authorId, authorIds));
    const bookIds = graph.addBooks(books);
    graph.addTags(
      await db
        .select({ book_id: bookTags.bookId, id: tag.id, name: tag.name })
        .from(bookTags)
        .innerJoin(tag, eq(tag.id, bookTags.tagId))
        .where(inArray(bookTags.bookId, bookIds)),
    );
    return () => graph.authors;
  }

  async insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>> {
    let saved: ReturnType<typeof savedGraph> = [];
    await this.#ready().transaction(async (tx) => {
      const authorIds: number[] = [];
      for (let offset = 0; offset < authors.length; offset += INSERT_CHUNK) {
        const chunk = authors.slice(offset, offset + INSERT_CHUNK);
        for (const row of await tx.insert(author).values(chunk.map((a) => ({ name: a.name }))).$returningId()) {
          authorIds.push(row.id);
        }
      }
      const books = authors.flatMap((data, a) => data.books.map((b) => ({ title: b.title, authorId: authorIds[a] })));
      const bookIds: number[] = [];
      for (let offset = 0; offset < books.length; offset += INSERT_CHUNK) {
        for (const row of await tx.insert(book).values(books.slice(offset, offset + INSERT_CHUNK)).$returningId()) {
          bookIds.push(row.id);
        }
      }
      saved = savedGraph(authors, authorIds, bookIds);
    });
    return () => saved;
  }

  async report(query: ReportQuery): Promise<readonly ReportRow[]> {
    const rows = await this.#statements().report.execute({ ...query });
    return rows.map(reportRow);
  }

  compileReport(query: ReportQuery, times: number): string {
    let text = '';
    for (let i = 0; i < times; i++) text = reportQuery(this.#ready(), query).toSQL().sql;
    return text;
  }

  #ready(): MySql2Database<typeof schema> {
    if (!this.#db) throw new Error('drizzle mariadb used before setup()');
    return this.#db;
  }

  #statements(): ReturnType<typeof prepare> {
    if (!this.#prepared) throw new Error('drizzle mariadb used before setup()');
    return this.#prepared;
  }
}

/** S8's query with Drizzle's select builder; `query` holds values or `sql.placeholder`s. */
function reportQuery(
  db: MySql2Database<typeof schema>,
  query: { minPrice: unknown; minBooks: unknown; limit: unknown },
) {
  return db
    .select({
      id: reportAuthor.id,
      name: reportAuthor.name,
      books: count(reportBook.id),
      revenue: sum(reportBook.price),
      average: avg(reportBook.price),
    })
    .from(reportAuthor)
    .innerJoin(reportBook, eq(reportBook.authorId, reportAuthor.id))
    .where(gte(reportBook.price, query.minPrice as number))
    .groupBy(reportAuthor.id, reportAuthor.name)
    .having(gte(count(reportBook.id), query.minBooks as number))
    .orderBy(desc(sum(reportBook.price)), asc(reportAuthor.id))
    .limit(query.limit as number);
}

function prepare(db: MySql2Database<typeof schema>) {
  return {
    findItem: db.select().from(item).where(eq(item.id, sql.placeholder('id'))).prepare(),
    updateAge: db
      .update(item)
      .set({ age: sql`${sql.placeholder('age')}` })
      .where(eq(item.id, sql.placeholder('id')))
      .prepare(),
    report: reportQuery(db, {
      minPrice: sql.placeholder('minPrice'),
      minBooks: sql.placeholder('minBooks'),
      limit: sql.placeholder('limit'),
    }).prepare(),
  };
}

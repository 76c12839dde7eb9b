import { asc, avg, count, desc, eq, gte, inArray, sql, sum } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import type { DialectTarget } from '../../dialect-target';
import type { AuthorData } from '../../graph-data';
import type { ReportQuery, ReportRow } from '../../report-data';
import type { ItemData } from '../../scenario-data';
import type { Contender, ItemView, LoadedItems, TimedStep } from '../contender';
import type { BookView, GraphReader, TaggedBookView } from '../graph-view';
import { savedGraph } from '../raw/raw-graph';
import { reportRow } from '../raw/raw-report';
import * as schema from './drizzle-postgres-schema';
import { readDrizzleGraph } from './drizzle-graph';
import { UPDATE_CHUNK } from './drizzle-update-chunk';

const { item, author, book, reportAuthor, reportBook } = schema;

/**
 * Drizzle on node-postgres, each scenario through its fastest documented API: a multi-row insert with
 * `returning` (50,000 parameters, one statement), named prepared statements with `sql.placeholder` for lookups,
 * the documented "update many with different values" (`case when ... end`, in chunks) for S3, one `inArray`
 * delete, relational queries (`db.query.author.findMany({ with })`, one statement of lateral JSON subqueries) for
 * S6, and a prepared select for S8. A pool of 10 like the ORMs'; no identity map, so no S11.
 */
export class DrizzlePostgres implements Contender {
  readonly name = 'drizzle';
  #pool: Pool | undefined;
  #db: NodePgDatabase<typeof schema> | undefined;
  #prepared: ReturnType<typeof prepare> | undefined;

  async setup(target: DialectTarget): Promise<void> {
    this.#pool = new Pool({ connectionString: target.url, max: 10 });
    this.#db = drizzle({ client: this.#pool, schema });
    this.#prepared = prepare(this.#db);
  }

  async teardown(): Promise<void> {
    await this.#pool?.end();
    this.#pool = undefined;
    this.#db = undefined;
    this.#prepared = undefined;
  }

  async insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    const rows = await this.#ready().insert(item).values(items.map((data) => ({ ...data }))).returning({ id: item.id });
    return items.map((data, i) => ({ ...data, id: rows[i].id }));
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
          const cases = chunk.map((row) => sql`when ${item.id} = ${row.id} then ${row.age + ageBump}::int`);
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

  async loadGraph(): Promise<GraphReader<TaggedBookView>> {
    const authors = await this.#ready().query.author.findMany({
      with: { books: { with: { bookTags: { with: { tag: true } } } } },
    });
    return () => readDrizzleGraph(authors);
  }

  async insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>> {
    const saved = await this.#ready().transaction(async (tx) => {
      const authorRows = await tx
        .insert(author)
        .values(authors.map((data) => ({ name: data.name })))
        .returning({ id: author.id });
      const books = authors.flatMap((data, a) => data.books.map((b) => ({ title: b.title, authorId: authorRows[a].id })));
      const bookRows = await tx.insert(book).values(books).returning({ id: book.id });
      return savedGraph(authors, authorRows.map((row) => row.id), bookRows.map((row) => row.id));
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

  #ready(): NodePgDatabase<typeof schema> {
    if (!this.#db) throw new Error('drizzle postgres used before setup()');
    return this.#db;
  }

  #statements(): ReturnType<typeof prepare> {
    if (!this.#prepared) throw new Error('drizzle postgres used before setup()');
    return this.#prepared;
  }
}

/** S8's query with Drizzle's select builder; `query` holds values or `sql.placeholder`s. */
function reportQuery(
  db: NodePgDatabase<typeof schema>,
  query: { minPrice: unknown; minBooks: unknown; limit: number | ReturnType<typeof sql.placeholder> },
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

// Named statements: node-postgres parses and plans each once per pooled connection.
function prepare(db: NodePgDatabase<typeof schema>) {
  return {
    findItem: db.select().from(item).where(eq(item.id, sql.placeholder('id'))).prepare('drizzle_find_item'),
    updateAge: db
      .update(item)
      .set({ age: sql`${sql.placeholder('age')}` })
      .where(eq(item.id, sql.placeholder('id')))
      .prepare('drizzle_update_age'),
    report: reportQuery(db, {
      minPrice: sql.placeholder('minPrice'),
      minBooks: sql.placeholder('minBooks'),
      limit: sql.placeholder('limit'),
    }).prepare('drizzle_report'),
  };
}

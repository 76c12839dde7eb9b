import Database from 'better-sqlite3';
import { asc, avg, count, desc, eq, gte, inArray, sql, sum } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { DialectTarget } from '../../dialect-target';
import type { AuthorData } from '../../graph-data';
import type { ReportQuery, ReportRow } from '../../report-data';
import type { ItemData } from '../../scenario-data';
import type { Contender, ItemView, LoadedItems, TimedStep } from '../contender';
import type { BookView, GraphReader, TaggedBookView } from '../graph-view';
import { savedGraph } from '../raw/raw-graph';
import { reportRow } from '../raw/raw-report';
import * as schema from './drizzle-sqlite-schema';
import { readDrizzleGraph } from './drizzle-graph';

const { item, author, book, reportAuthor, reportBook } = schema;

// SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32: bench_item rows have 5 parameters each.
const MAX_PARAMETERS = 32_766;
const INSERT_CHUNK = Math.floor(MAX_PARAMETERS / 5);

/**
 * Drizzle on better-sqlite3 (its synchronous API: `.all()`, `.get()`, `.run()` inside `db.transaction`), each
 * scenario through its fastest documented API: multi-row inserts with `returning` in chunks under the parameter
 * limit, prepared statements with `sql.placeholder` for lookups and for S3's per-row update (in-process, a
 * prepared statement per row beats a `case when` statement, as for raw), one `inArray` delete, relational queries
 * (one statement of JSON subqueries) for S6 and a prepared select for S8. One connection, like raw; no identity
 * map, so no S11.
 */
export class DrizzleSqlite implements Contender {
  readonly name = 'drizzle';
  #client: Database.Database | undefined;
  #db: BetterSQLite3Database<typeof schema> | undefined;
  #prepared: ReturnType<typeof prepare> | undefined;
  // better-sqlite3 prepares on the spot, and S8's tables exist only when S8 runs: prepared on first use.
  #report: ReturnType<typeof prepareReport> | undefined;

  async setup(target: DialectTarget): Promise<void> {
    this.#client = new Database(target.url);
    this.#client.pragma('synchronous = NORMAL');
    this.#db = drizzle({ client: this.#client, schema });
    this.#prepared = prepare(this.#db);
  }

  async teardown(): Promise<void> {
    this.#prepared = undefined;
    this.#report = undefined;
    this.#db = undefined;
    this.#client?.close();
    this.#client = undefined;
  }

  async insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    return this.#ready().transaction((tx) => {
      const created: ItemView[] = [];
      for (let offset = 0; offset < items.length; offset += INSERT_CHUNK) {
        const chunk = items.slice(offset, offset + INSERT_CHUNK);
        const ids = tx.insert(item).values(chunk.map((data) => ({ ...data }))).returning({ id: item.id }).all();
        chunk.forEach((data, i) => created.push({ ...data, id: ids[i].id }));
      }
      return created;
    });
  }

  async loadAll(): Promise<LoadedItems> {
    return { items: this.#statements().selectAll.all() };
  }

  async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    const { selectAll, updateAge } = this.#statements();
    const rows = selectAll.all();
    return async () => {
      this.#ready().transaction(() => {
        for (const row of rows) updateAge.run({ id: row.id, age: row.age + ageBump });
      });
    };
  }

  async findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    const { findItem } = this.#statements();
    return ids.map((id) => findItem.get({ id }) as ItemView);
  }

  async prepareRemoveAll(): Promise<TimedStep> {
    const db = this.#ready();
    const ids = db.select({ id: item.id }).from(item).all().map((row) => row.id);
    return async () => {
      db.transaction((tx) => {
        for (let offset = 0; offset < ids.length; offset += MAX_PARAMETERS) {
          tx.delete(item).where(inArray(item.id, ids.slice(offset, offset + MAX_PARAMETERS))).run();
        }
      });
    };
  }

  // One connection: better-sqlite3 is synchronous, so concurrent requests simply run one after another.
  async serveRequest(id: number, write: boolean): Promise<ItemView> {
    const { findItem, updateAge } = this.#statements();
    const row = findItem.get({ id }) as ItemView;
    if (write) updateAge.run({ id, age: row.age + 1 });
    return row;
  }

  async loadGraph(): Promise<GraphReader<TaggedBookView>> {
    const authors = this.#ready().query.author.findMany({
      with: { books: { with: { bookTags: { with: { tag: true } } } } },
    }).sync();
    return () => readDrizzleGraph(authors);
  }

  async insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>> {
    const saved = this.#ready().transaction((tx) => {
      const authorIds = tx
        .insert(author)
        .values(authors.map((data) => ({ name: data.name })))
        .returning({ id: author.id })
        .all()
        .map((row) => row.id);
      const books = authors.flatMap((data, a) => data.books.map((b) => ({ title: b.title, authorId: authorIds[a] })));
      const bookIds = tx.insert(book).values(books).returning({ id: book.id }).all().map((row) => row.id);
      return savedGraph(authors, authorIds, bookIds);
    });
    return () => saved;
  }

  async report(query: ReportQuery): Promise<readonly ReportRow[]> {
    this.#report ??= prepareReport(this.#ready());
    return this.#report.all({ ...query }).map(reportRow);
  }

  compileReport(query: ReportQuery, times: number): string {
    let text = '';
    for (let i = 0; i < times; i++) text = reportQuery(this.#ready(), query).toSQL().sql;
    return text;
  }

  #ready(): BetterSQLite3Database<typeof schema> {
    if (!this.#db) throw new Error('drizzle sqlite used before setup()');
    return this.#db;
  }

  #statements(): ReturnType<typeof prepare> {
    if (!this.#prepared) throw new Error('drizzle sqlite used before setup()');
    return this.#prepared;
  }
}

/** S8's query with Drizzle's select builder; `query` holds values or `sql.placeholder`s. */
function reportQuery(
  db: BetterSQLite3Database<typeof schema>,
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

function prepare(db: BetterSQLite3Database<typeof schema>) {
  return {
    selectAll: db.select().from(item).prepare(),
    findItem: db.select().from(item).where(eq(item.id, sql.placeholder('id'))).prepare(),
    updateAge: db
      .update(item)
      .set({ age: sql`${sql.placeholder('age')}` })
      .where(eq(item.id, sql.placeholder('id')))
      .prepare(),
  };
}

function prepareReport(db: BetterSQLite3Database<typeof schema>) {
  return reportQuery(db, {
    minPrice: sql.placeholder('minPrice'),
    minBooks: sql.placeholder('minBooks'),
    limit: sql.placeholder('limit'),
  }).prepare();
}

import { Client, Pool } from 'pg';
import type { DialectTarget } from '../../dialect-target';
import type { AuthorData } from '../../graph-data';
import type { ItemData } from '../../scenario-data';
import type { Contender, ItemView, LoadedItems, TimedStep } from '../contender';
import type { BookView, GraphReader, TaggedBookView } from '../graph-view';
import {
  RawGraphBuilder,
  savedGraph,
  SELECT_AUTHORS,
  SELECT_BOOKS,
  SELECT_TAGS,
  type AuthorRow,
  type BookRow,
  type TagRow,
} from './raw-graph';
import type { ReportQuery, ReportRow } from '../../report-data';
import { REPORT_SQL_POSTGRES, reportRow } from './raw-report';
import { SELECT_ALL, type RawRow } from './raw-row';

const FIND_BY_ID = `${SELECT_ALL} WHERE id = $1`;
const UPDATE_AGE = 'UPDATE bench_item SET age = $1 WHERE id = $2';

/**
 * PostgreSQL forms, each the fastest of those measured on this machine:
 * - INSERT ... SELECT FROM unnest(arrays) RETURNING id: five array parameters for all rows, about 3x faster than
 *   multi-row VALUES chunked under the 65,535-parameter limit, and no chunking at all;
 * - UPDATE ... FROM unnest(ids, ages): one statement for all rows, faster than UPDATE ... FROM (VALUES ...);
 * - DELETE ... WHERE id = ANY($1): one array parameter;
 * - the lookup is a named (server-side prepared) statement, parsed and planned once per connection;
 * - S6 reads each level with `= ANY($1::int[])` of the previous level's ids; S7 inserts the authors, then all the
 *   books with their author ids, each as one unnest INSERT ... RETURNING id;
 * - S10 runs on a pg.Pool of 10 (the other scenarios are sequential and use one dedicated connection), with the
 *   same named statements; S11's ten updates are S3's unnest UPDATE.
 */
export class RawPostgres implements Contender {
  readonly name = 'raw';
  #client: Client | undefined;
  #pool: Pool | undefined;
  #url = '';

  async setup(target: DialectTarget): Promise<void> {
    this.#url = target.url;
    this.#client = new Client({ connectionString: target.url });
    await this.#client.connect();
  }

  async teardown(): Promise<void> {
    await this.#client?.end();
    await this.#pool?.end();
    this.#client = undefined;
    this.#pool = undefined;
  }

  async insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    const result = await this.#transaction((client) =>
      client.query<{ id: number }>(
        `INSERT INTO bench_item (name, email, age, score, created_at)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::float8[], $5::timestamp[])
         RETURNING id`,
        [
          items.map((item) => item.name),
          items.map((item) => item.email),
          items.map((item) => item.age),
          items.map((item) => item.score),
          items.map((item) => item.createdAt),
        ],
      ),
    );
    // Rows come back in insertion order, which is the order of the arrays.
    return items.map((item, i) => ({ ...item, id: result.rows[i].id }));
  }

  async loadAll(): Promise<LoadedItems> {
    return { items: await this.#allRows() };
  }

  async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    const rows = await this.#allRows();
    return () => this.#updateAges(rows.map((row) => row.id), rows.map((row) => row.age + ageBump));
  }

  async serveRequest(id: number, write: boolean): Promise<ItemView> {
    const pool = (this.#pool ??= new Pool({ connectionString: this.#url, max: 10 }));
    const result = await pool.query<RawRow>({ name: 'bench_find_item', text: FIND_BY_ID, values: [id] });
    const row = result.rows[0];
    if (write) await pool.query({ name: 'bench_update_age', text: UPDATE_AGE, values: [row.age + 1, id] });
    return row;
  }

  async prepareSparseUpdate(ids: readonly number[], age: number): Promise<TimedStep> {
    return () => this.#updateAges([...ids], ids.map(() => age));
  }

  async #allRows(): Promise<RawRow[]> {
    return (await this.#connected().query<RawRow>(SELECT_ALL)).rows;
  }

  async #updateAges(ids: number[], ages: number[]): Promise<void> {
    await this.#transaction((client) =>
      client.query(
        'UPDATE bench_item AS t SET age = v.age FROM unnest($1::int[], $2::int[]) AS v(id, age) WHERE t.id = v.id',
        [ids, ages],
      ),
    );
  }

  async findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    const client = this.#connected();
    const found: RawRow[] = [];
    for (const id of ids) {
      const result = await client.query<RawRow>({ name: 'bench_find_item', text: FIND_BY_ID, values: [id] });
      found.push(result.rows[0]);
    }
    return found;
  }

  async prepareRemoveAll(): Promise<TimedStep> {
    const rows = await this.#allRows();
    return async () => {
      const ids = rows.map((row) => row.id);
      await this.#transaction((client) => client.query('DELETE FROM bench_item WHERE id = ANY($1::int[])', [ids]));
    };
  }

  async loadGraph(): Promise<GraphReader<TaggedBookView>> {
    const client = this.#connected();
    const graph = new RawGraphBuilder();
    const authorIds = graph.addAuthors((await client.query<AuthorRow>(SELECT_AUTHORS)).rows);
    const books = await client.query<BookRow>(`${SELECT_BOOKS} WHERE author_id = ANY($1::int[])`, [authorIds]);
    const bookIds = graph.addBooks(books.rows);
    graph.addTags((await client.query<TagRow>(`${SELECT_TAGS} WHERE bt.book_id = ANY($1::int[])`, [bookIds])).rows);
    return () => graph.authors;
  }

  async insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>> {
    const ids = await this.#transaction(async (client) => {
      const authorResult = await client.query<{ id: number }>(
        'INSERT INTO author (name) SELECT * FROM unnest($1::varchar[]) RETURNING id',
        [authors.map((author) => author.name)],
      );
      // Rows come back in insertion order, which is the order of the arrays (as in insertMany).
      const authorIds = authorResult.rows.map((row) => row.id);
      const titles: string[] = [];
      const authorIdOfBook: number[] = [];
      authors.forEach((author, a) => {
        for (const book of author.books) {
          titles.push(book.title);
          authorIdOfBook.push(authorIds[a]);
        }
      });
      const bookResult = await client.query<{ id: number }>(
        'INSERT INTO book (title, author_id) SELECT * FROM unnest($1::varchar[], $2::int[]) RETURNING id',
        [titles, authorIdOfBook],
      );
      return { authorIds, bookIds: bookResult.rows.map((row) => row.id) };
    });
    const saved = savedGraph(authors, ids.authorIds, ids.bookIds);
    return () => saved;
  }

  async #transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = this.#connected();
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }

  async report(query: ReportQuery): Promise<readonly ReportRow[]> {
    const result = await this.#connected().query({
      name: 'bench_report',
      text: REPORT_SQL_POSTGRES,
      values: [query.minPrice, query.minBooks, query.limit],
    });
    return result.rows.map(reportRow);
  }

  #connected(): Client {
    if (!this.#client) throw new Error('raw postgres used before setup()');
    return this.#client;
  }
}

import mysql from 'mysql2/promise';
import type { DialectTarget } from '../../dialect-target';
import type { AuthorData } from '../../graph-data';
import type { ItemData } from '../../scenario-data';
import type { Contender, ItemView, LoadedItems, TimedStep } from '../contender';
import type { AuthorView, BookView, GraphReader, TaggedBookView } from '../graph-view';
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
import { REPORT_SQL, reportRow } from './raw-report';
import { SELECT_ALL, type RawRow } from './raw-row';

// Measured on this machine: 2,000-row INSERTs beat one 10,000-row INSERT slightly; a single UPDATE for all rows was
// fastest (the statement is ~200 KB, far under max_allowed_packet).
const INSERT_ROWS_PER_STATEMENT = 2000;
const UPDATE_ROWS_PER_STATEMENT = 10_000;

/**
 * MariaDB forms, each the fastest of those measured:
 * - multi-row INSERT; ids are insertId, insertId + 1, ... which InnoDB guarantees for a multi-row INSERT when
 *   innodb_autoinc_lock_mode <= 1 and auto_increment_increment = 1 (checked at setup);
 * - UPDATE joined to a table value constructor: `JOIN (WITH v(id, age) AS (VALUES ...) SELECT ...)`. About 2.5x
 *   faster than `SET age = CASE id WHEN ... END` (which compares every row with every WHEN) and 1.5x faster than a
 *   UNION ALL derived table; a prepared UPDATE per row was 40x slower (one round trip each);
 * - DELETE ... WHERE id IN (...);
 * - the lookup uses query(): mysql2's execute() (server-side prepared) was no faster for a one-row SELECT;
 * - S6 reads each level with `IN (...)` of the previous level's ids; S7 inserts the authors, then the books with
 *   their author ids, as multi-row INSERTs with ids from insertId like S1.
 * - S10 runs on a mysql2 pool of 10 (the other scenarios are sequential and use one dedicated connection); S11's
 *   ten updates are S3's VALUES-joined UPDATE.
 * Statements go through query(), which inlines escaped values, so there is no placeholder limit to chunk under.
 */
export class RawMariadb implements Contender {
  readonly name = 'raw';
  #connection: mysql.Connection | undefined;
  #pool: mysql.Pool | undefined;
  #url = '';

  async setup(target: DialectTarget): Promise<void> {
    this.#url = target.url;
    this.#connection = await mysql.createConnection({ uri: target.url });
    const [[settings]] = await this.#connection.query<mysql.RowDataPacket[]>(
      'SELECT @@innodb_autoinc_lock_mode AS lockMode, @@auto_increment_increment AS increment',
    );
    if (Number(settings.lockMode) > 1 || Number(settings.increment) !== 1) {
      throw new Error(`raw mariadb needs consecutive auto-increment ids, got ${JSON.stringify(settings)}`);
    }
  }

  async teardown(): Promise<void> {
    await this.#connection?.end();
    await this.#pool?.end();
    this.#connection = undefined;
    this.#pool = undefined;
  }

  async insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    const created: ItemView[] = [];
    await this.#transaction(async (connection) => {
      for (let offset = 0; offset < items.length; offset += INSERT_ROWS_PER_STATEMENT) {
        const chunk = items.slice(offset, offset + INSERT_ROWS_PER_STATEMENT);
        const values = chunk.map((item) => [item.name, item.email, item.age, item.score, item.createdAt]);
        const [result] = await connection.query<mysql.ResultSetHeader>(
          'INSERT INTO bench_item (name, email, age, score, created_at) VALUES ?',
          [values],
        );
        chunk.forEach((item, i) => created.push({ ...item, id: result.insertId + i }));
      }
    });
    return created;
  }

  async loadAll(): Promise<LoadedItems> {
    return { items: await this.#allRows() };
  }

  async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    const rows = await this.#allRows();
    return () => this.#updateAges(rows.map((row) => ({ id: row.id, age: row.age + ageBump })));
  }

  async serveRequest(id: number, write: boolean): Promise<ItemView> {
    const pool = (this.#pool ??= mysql.createPool({ uri: this.#url, connectionLimit: 10 }));
    const [rows] = await pool.query<mysql.RowDataPacket[]>(`${SELECT_ALL} WHERE id = ?`, [id]);
    const row = rows[0] as RawRow;
    if (write) await pool.query('UPDATE bench_item SET age = ? WHERE id = ?', [row.age + 1, id]);
    return row;
  }

  async prepareSparseUpdate(ids: readonly number[], age: number): Promise<TimedStep> {
    return () => this.#updateAges(ids.map((id) => ({ id, age })));
  }

  async #allRows(): Promise<RawRow[]> {
    const [rows] = await this.#connected().query<mysql.RowDataPacket[]>(SELECT_ALL);
    return rows as RawRow[];
  }

  #updateAges(rows: readonly { id: number; age: number }[]): Promise<void> {
    return this.#transaction(async (connection) => {
      for (let offset = 0; offset < rows.length; offset += UPDATE_ROWS_PER_STATEMENT) {
        const chunk = rows.slice(offset, offset + UPDATE_ROWS_PER_STATEMENT);
        const params = chunk.flatMap((row) => [row.id, row.age]);
        const values = chunk.map(() => '(?, ?)').join(', ');
        await connection.query(
          `UPDATE bench_item AS t JOIN (WITH v(id, age) AS (VALUES ${values}) SELECT id, age FROM v) AS v
           ON t.id = v.id SET t.age = v.age`,
          params,
        );
      }
    });
  }

  async findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    const connection = this.#connected();
    const found: RawRow[] = [];
    for (const id of ids) {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(`${SELECT_ALL} WHERE id = ?`, [id]);
      found.push(rows[0] as RawRow);
    }
    return found;
  }

  async prepareRemoveAll(): Promise<TimedStep> {
    const rows = await this.#allRows();
    return () =>
      this.#transaction(async (connection) => {
        await connection.query('DELETE FROM bench_item WHERE id IN (?)', [rows.map((row) => row.id)]);
      });
  }

  async loadGraph(): Promise<GraphReader<TaggedBookView>> {
    const connection = this.#connected();
    const graph = new RawGraphBuilder();
    const select = async (sql: string, params: unknown[] = []) =>
      (await connection.query<mysql.RowDataPacket[]>(sql, params))[0];
    const authorIds = graph.addAuthors((await select(SELECT_AUTHORS)) as AuthorRow[]);
    const bookIds = graph.addBooks((await select(`${SELECT_BOOKS} WHERE author_id IN (?)`, [authorIds])) as BookRow[]);
    graph.addTags((await select(`${SELECT_TAGS} WHERE bt.book_id IN (?)`, [bookIds])) as TagRow[]);
    return () => graph.authors;
  }

  async insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>> {
    let saved: AuthorView[] = [];
    await this.#transaction(async (connection) => {
      const authorIds = await insertReturningIds(connection, 'author (name)', authors.map((author) => [author.name]));
      const books = authors.flatMap((author, a) => author.books.map((book) => [book.title, authorIds[a]]));
      const bookIds = await insertReturningIds(connection, 'book (title, author_id)', books);
      saved = savedGraph(authors, authorIds, bookIds);
    });
    return () => saved;
  }

  async #transaction(work: (connection: mysql.Connection) => Promise<void>): Promise<void> {
    const connection = this.#connected();
    await connection.beginTransaction();
    try {
      await work(connection);
      await connection.commit();
    } catch (error) {
      await connection.rollback();
      throw error;
    }
  }

  async report(query: ReportQuery): Promise<readonly ReportRow[]> {
    const [rows] = await this.#connected().query<mysql.RowDataPacket[]>(REPORT_SQL, [query.minPrice, query.minBooks, query.limit]);
    return rows.map(reportRow);
  }

  #connected(): mysql.Connection {
    if (!this.#connection) throw new Error('raw mariadb used before setup()');
    return this.#connection;
  }
}

/** Multi-row INSERTs of INSERT_ROWS_PER_STATEMENT rows; the ids are insertId, insertId + 1, ... (see setup). */
async function insertReturningIds(
  connection: mysql.Connection,
  into: string,
  rows: readonly unknown[][],
): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; offset < rows.length; offset += INSERT_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(offset, offset + INSERT_ROWS_PER_STATEMENT);
    const [result] = await connection.query<mysql.ResultSetHeader>(`INSERT INTO ${into} VALUES ?`, [chunk]);
    for (let i = 0; i < chunk.length; i++) ids.push(result.insertId + i);
  }
  return ids;
}

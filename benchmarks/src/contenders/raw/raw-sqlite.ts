import Database from 'better-sqlite3';
import type { DialectTarget } from '../../dialect-target';
import { sqliteTimestamp } from '../../fixture/sqlite-timestamp';
import type { AuthorData } from '../../graph-data';
import type { ItemData } from '../../scenario-data';
import type { Contender, ItemView, LoadedItems, TimedStep } from '../contender';
import type { AuthorView, BookView, GraphReader, TaggedBookView } from '../graph-view';
import {
  RawGraphBuilder,
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

// SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32.
const MAX_PARAMETERS = 32_766;

/**
 * SQLite runs in-process, so there is no round trip to save and a prepared single-row statement reused in one
 * transaction is the fastest form (measured): 10,000 prepared INSERTs reading lastInsertRowid took ~20 ms against
 * ~27 ms for multi-row INSERT ... RETURNING, and per-row prepared UPDATEs beat a VALUES-joined UPDATE. DELETE uses
 * `IN (...)` chunked under the parameter limit, which beat per-row DELETEs. S6 reads each level with one `IN (...)`
 * of the previous level's ids (a statement prepared once per id count); S7 uses the same prepared single-row
 * INSERTs as S1, each book bound to its author's lastInsertRowid.
 */
export class RawSqlite implements Contender {
  readonly name = 'raw';
  #db: Database.Database | undefined;
  #statements: SqliteStatements | undefined;
  readonly #deleteByCount = new Map<number, Database.Statement>();
  readonly #selectInByKey = new Map<string, Database.Statement>();
  // Prepared on first use: S8's tables exist only when S8 runs.
  #report: Database.Statement | undefined;

  async setup(target: DialectTarget): Promise<void> {
    const db = new Database(target.url);
    db.pragma('synchronous = NORMAL');
    this.#db = db;
    this.#statements = {
      insert: db.prepare('INSERT INTO bench_item (name, email, age, score, created_at) VALUES (?, ?, ?, ?, ?)'),
      selectAll: db.prepare(SELECT_ALL),
      selectById: db.prepare(`${SELECT_ALL} WHERE id = ?`),
      updateAge: db.prepare('UPDATE bench_item SET age = ? WHERE id = ?'),
      selectAuthors: db.prepare(SELECT_AUTHORS),
      insertAuthor: db.prepare('INSERT INTO author (name) VALUES (?)'),
      insertBook: db.prepare('INSERT INTO book (title, author_id) VALUES (?, ?)'),
    };
  }

  async teardown(): Promise<void> {
    this.#deleteByCount.clear();
    this.#selectInByKey.clear();
    this.#report = undefined;
    this.#statements = undefined;
    this.#db?.close();
    this.#db = undefined;
  }

  async insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    const { insert } = this.#prepared();
    return this.#connected().transaction(() =>
      items.map((item) => {
        const { lastInsertRowid } = insert.run(item.name, item.email, item.age, item.score, sqliteTimestamp(item.createdAt));
        return { ...item, id: Number(lastInsertRowid) };
      }),
    )();
  }

  async loadAll(): Promise<LoadedItems> {
    return { items: this.#allRows() };
  }

  async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    const rows = this.#allRows();
    const { updateAge } = this.#prepared();
    return async () => {
      this.#connected().transaction(() => {
        for (const row of rows) updateAge.run(row.age + ageBump, row.id);
      })();
    };
  }

  async findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    const { selectById } = this.#prepared();
    return ids.map((id) => selectById.get(id) as RawRow);
  }

  async prepareRemoveAll(): Promise<TimedStep> {
    const rows = this.#allRows();
    return async () => {
      this.#connected().transaction(() => {
        const ids = rows.map((row) => row.id);
        for (let offset = 0; offset < ids.length; offset += MAX_PARAMETERS) {
          const chunk = ids.slice(offset, offset + MAX_PARAMETERS);
          this.#deleteStatement(chunk.length).run(chunk);
        }
      })();
    };
  }

  // One connection: better-sqlite3 is synchronous, so concurrent requests simply run one after another.
  async serveRequest(id: number, write: boolean): Promise<ItemView> {
    const { selectById, updateAge } = this.#prepared();
    const row = selectById.get(id) as RawRow;
    if (write) updateAge.run(row.age + 1, id);
    return row;
  }

  async prepareSparseUpdate(ids: readonly number[], age: number): Promise<TimedStep> {
    const { updateAge } = this.#prepared();
    return async () => {
      this.#connected().transaction(() => {
        for (const id of ids) updateAge.run(age, id);
      })();
    };
  }

  #allRows(): RawRow[] {
    return this.#prepared().selectAll.all() as RawRow[];
  }

  async loadGraph(): Promise<GraphReader<TaggedBookView>> {
    const graph = new RawGraphBuilder();
    const authorIds = graph.addAuthors(this.#prepared().selectAuthors.all() as AuthorRow[]);
    const bookIds = graph.addBooks(this.#selectIn(SELECT_BOOKS, 'author_id', authorIds) as BookRow[]);
    graph.addTags(this.#selectIn(SELECT_TAGS, 'bt.book_id', bookIds) as TagRow[]);
    return () => graph.authors;
  }

  async insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>> {
    const { insertAuthor, insertBook } = this.#prepared();
    const saved = this.#connected().transaction(() =>
      authors.map((author): AuthorView => {
        const id = Number(insertAuthor.run(author.name).lastInsertRowid);
        const books = author.books.map((book) => {
          const { lastInsertRowid } = insertBook.run(book.title, id);
          return { id: Number(lastInsertRowid), title: book.title };
        });
        return { id, name: author.name, books };
      }),
    )();
    return () => saved;
  }

  /** `select WHERE column IN (ids)`, chunked under the parameter limit. */
  #selectIn(select: string, column: string, ids: readonly number[]): unknown[] {
    if (ids.length <= MAX_PARAMETERS) return this.#selectInStatement(select, column, ids.length).all(ids);
    const rows: unknown[] = [];
    for (let offset = 0; offset < ids.length; offset += MAX_PARAMETERS) {
      const chunk = ids.slice(offset, offset + MAX_PARAMETERS);
      for (const row of this.#selectInStatement(select, column, chunk.length).all(chunk)) rows.push(row);
    }
    return rows;
  }

  #selectInStatement(select: string, column: string, count: number): Database.Statement {
    const key = `${select} WHERE ${column} IN (${count})`;
    let statement = this.#selectInByKey.get(key);
    if (!statement) {
      statement = this.#connected().prepare(`${select} WHERE ${column} IN (${new Array(count).fill('?').join(', ')})`);
      this.#selectInByKey.set(key, statement);
    }
    return statement;
  }

  #deleteStatement(count: number): Database.Statement {
    let statement = this.#deleteByCount.get(count);
    if (!statement) {
      const placeholders = new Array(count).fill('?').join(', ');
      statement = this.#connected().prepare(`DELETE FROM bench_item WHERE id IN (${placeholders})`);
      this.#deleteByCount.set(count, statement);
    }
    return statement;
  }

  async report(query: ReportQuery): Promise<readonly ReportRow[]> {
    this.#report ??= this.#connected().prepare(REPORT_SQL);
    const rows = this.#report.all(query.minPrice, query.minBooks, query.limit) as Record<string, unknown>[];
    return rows.map(reportRow);
  }

  #prepared(): SqliteStatements {
    if (!this.#statements) throw new Error('raw sqlite used before setup()');
    return this.#statements;
  }

  #connected(): Database.Database {
    if (!this.#db) throw new Error('raw sqlite used before setup()');
    return this.#db;
  }
}

interface SqliteStatements {
  readonly insert: Database.Statement;
  readonly selectAll: Database.Statement;
  readonly selectById: Database.Statement;
  readonly updateAge: Database.Statement;
  readonly selectAuthors: Database.Statement;
  readonly insertAuthor: Database.Statement;
  readonly insertBook: Database.Statement;
}

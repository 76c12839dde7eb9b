import Database from 'better-sqlite3';
import type { DialectTarget } from '../../dialect-target';
import { sqliteTimestamp } from '../../fixture/sqlite-timestamp';
import type { ItemData } from '../../scenario-data';
import type { ItemView, TimedStep } from '../contender';
import { SELECT_ALL, type RawRow } from './raw-row';

// SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32.
const MAX_PARAMETERS = 32_766;

/**
 * SQLite runs in-process, so there is no round trip to save and a prepared single-row statement reused in one
 * transaction is the fastest form (measured): 10,000 prepared INSERTs reading lastInsertRowid took ~20 ms against
 * ~27 ms for multi-row INSERT ... RETURNING, and per-row prepared UPDATEs beat a VALUES-joined UPDATE. DELETE uses
 * `IN (...)` chunked under the parameter limit, which beat per-row DELETEs.
 */
export class RawSqlite {
  #db: Database.Database | undefined;
  #statements: SqliteStatements | undefined;
  readonly #deleteByCount = new Map<number, Database.Statement>();

  async setup(target: DialectTarget): Promise<void> {
    const db = new Database(target.url);
    db.pragma('synchronous = NORMAL');
    this.#db = db;
    this.#statements = {
      insert: db.prepare('INSERT INTO bench_item (name, email, age, score, created_at) VALUES (?, ?, ?, ?, ?)'),
      selectAll: db.prepare(SELECT_ALL),
      selectById: db.prepare(`${SELECT_ALL} WHERE id = ?`),
      updateAge: db.prepare('UPDATE bench_item SET age = ? WHERE id = ?'),
    };
  }

  async teardown(): Promise<void> {
    this.#deleteByCount.clear();
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

  async loadAll(): Promise<readonly ItemView[]> {
    return this.#prepared().selectAll.all() as RawRow[];
  }

  async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    const rows = await this.loadAll();
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
    const rows = await this.loadAll();
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

  #deleteStatement(count: number): Database.Statement {
    let statement = this.#deleteByCount.get(count);
    if (!statement) {
      const placeholders = new Array(count).fill('?').join(', ');
      statement = this.#connected().prepare(`DELETE FROM bench_item WHERE id IN (${placeholders})`);
      this.#deleteByCount.set(count, statement);
    }
    return statement;
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
}

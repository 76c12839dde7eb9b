import { Column, Entity, OptimisticLockError, PrimaryKey, SnakeCaseNamingStrategy, Version } from '../../../src';
import type { Dialect } from '../../../src/dialects/dialect';
import type { QueryResult, StatementConnection } from '../../../src/dialects/driver';
import { mysqlDialect } from '../../../src/dialects/mysql';
import { postgresDialect } from '../../../src/dialects/postgres';
import { SqlFlushExecutor } from '../../../src/sql/sql-flush-executor';
import { SqliteCompiler } from '../../../src/dialects/sqlite/sqlite-compiler';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import { discoverMetadata } from '../../../src/metadata/metadata-discovery';
import type { CompiledQuery } from '../../../src/query/compiler/compiled-query';
import type { DeleteBatch, FlushBatch, InsertBatch, UpdateBatch } from '../../../src/unit-of-work/flush-plan';

@Entity({ table: 'authors' })
class Author {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column() age!: number;
  @Version() version!: number;
}

@Entity({ table: 'tags' })
class Tag {
  @PrimaryKey() id!: number;
  @Column() label!: string;
}

const storage = discoverMetadata([Author, Tag], new SnakeCaseNamingStrategy());
const author = storage.get(Author);
const tag = storage.get(Tag);
const prop = (name: string) => author.propertiesByName.get(name)!;

/**
 * A connection that records what it is sent. An INSERT .. RETURNING gets one generated id per row; every statement
 * reports `affectedRows` rows (tests that check optimistic locking set it).
 */
class RecordingConnection implements StatementConnection {
  readonly sent: { sql: string; params: unknown[] }[] = [];
  private nextId = 100;

  constructor(
    private readonly affectedRows: number,
    private readonly lastInsertId = false,
  ) {}

  async execute(query: CompiledQuery): Promise<QueryResult> {
    this.sent.push({ sql: query.sql, params: [...query.params] });
    // Rows inserted: one per tuple after `values`, or the length of the first array of an `unnest`.
    const insertedRows = !query.sql.startsWith('insert')
      ? 0
      : query.sql.includes(' unnest(')
        ? (query.params[0] as unknown[]).length
        : query.sql.split(' values ')[1].split('(').length - 1;
    if (query.sql.includes(' returning ')) {
      return { rows: Array.from({ length: insertedRows }, () => ({ id: this.nextId++ })), affectedRows: this.affectedRows };
    }
    // MySQL reports the first id of a multi-row insert, SQLite the last.
    const first = this.nextId;
    this.nextId += insertedRows;
    return { rows: [], affectedRows: this.affectedRows, insertId: this.lastInsertId ? BigInt(this.nextId - 1) : first };
  }
}

async function run(dialect: Dialect, batches: FlushBatch[], { batchSize = 1000, affectedRows = 2 } = {}) {
  const connection = new RecordingConnection(affectedRows, dialect === sqliteDialect);
  const executor = dialect.createFlushExecutor();
  const generatedKeys = new Map<FlushBatch, unknown[] | undefined>();
  for (const batch of batches) generatedKeys.set(batch, await executor.execute(batch, connection, batchSize));
  return { sent: connection.sent, outcome: { generatedKeys } };
}

const insertBatch = (rows: unknown[][]): InsertBatch => ({
  kind: 'insert',
  meta: author,
  columns: [prop('name'), prop('age'), prop('version')],
  rows,
  generatedKey: author.primaryKey,
});

describe('SqlFlushExecutor', () => {
  describe('insert', () => {
    const batch = insertBatch([
      ['Ada', 36, 1],
      ['Grace', 85, 1],
    ]);

    it('sends one multi-row insert, keys derived from the last rowid (sqlite), one array per column read back with returning (postgres)', async () => {
      const sqlite = await run(sqliteDialect, [batch]);
      const postgres = await run(postgresDialect, [batch]);

      expect(sqlite.sent).toEqual([
        {
          sql: 'insert into "authors" ("name", "age", "version") values (?, ?, ?), (?, ?, ?)',
          params: ['Ada', 36, 1, 'Grace', 85, 1],
        },
      ]);
      expect(sqlite.outcome.generatedKeys.get(batch)).toEqual([100n, 101n]);
      expect(postgres.sent).toEqual([
        {
          sql:
            'insert into "authors" ("name", "age", "version") select * from unnest(cast($1 as varchar[]), ' +
            'cast($2 as integer[]), cast($3 as integer[])) as "tessera_values"("column1", "column2", "column3") returning "id"',
          params: [
            ['Ada', 'Grace'],
            [36, 85],
            [1, 1],
          ],
        },
      ]);
      expect(postgres.outcome.generatedKeys.get(batch)).toEqual([100, 101]);
    });

    it('derives consecutive keys from insertId on mysql', async () => {
      const { sent, outcome } = await run(mysqlDialect, [batch]);

      expect(sent).toEqual([
        { sql: 'insert into `authors` (`name`, `age`, `version`) values (?, ?, ?), (?, ?, ?)', params: ['Ada', 36, 1, 'Grace', 85, 1] },
      ]);
      expect(outcome.generatedKeys.get(batch)).toEqual([100, 101]);
    });

    it('splits rows into statements of at most batchSize rows', async () => {
      const { sent, outcome } = await run(sqliteDialect, [insertBatch([['a', 1, 1], ['b', 2, 1], ['c', 3, 1]])], { batchSize: 2 });

      expect(sent.map((s) => s.sql)).toEqual([
        'insert into "authors" ("name", "age", "version") values (?, ?, ?), (?, ?, ?)',
        'insert into "authors" ("name", "age", "version") values (?, ?, ?)',
      ]);
      expect(sent.map((s) => s.params)).toEqual([['a', 1, 1, 'b', 2, 1], ['c', 3, 1]]);
      expect([...outcome.generatedKeys.values()][0]).toEqual([100n, 101n, 102n]);
    });

    it('splits array-bound batches by batchSize too, with one template for every chunk size', async () => {
      const { sent, outcome } = await run(postgresDialect, [insertBatch([['a', 1, 1], ['b', 2, 1], ['c', 3, 1]])], { batchSize: 2 });

      expect(new Set(sent.map((s) => s.sql)).size).toBe(1);
      expect(sent.map((s) => s.params)).toEqual([
        [['a', 'b'], [1, 2], [1, 1]],
        [['c'], [3], [1]],
      ]);
      expect([...outcome.generatedKeys.values()][0]).toEqual([100, 101, 102]);
    });

    it('keeps each statement under the dialect parameter limit', async () => {
      const executor = new SqlFlushExecutor(new SqliteCompiler(), { supportsReturning: true, supportsWriteReturning: true, maxParameters: 7, transactionalDdl: true, arrayParameters: false, defaultBatchSize: 1000 });
      const connection = new RecordingConnection(0);

      await executor.execute(insertBatch([['a', 1, 1], ['b', 2, 1], ['c', 3, 1]]), connection, 1000);

      expect(connection.sent.map((s) => s.params.length)).toEqual([6, 3]);
    });
  });

  describe('update', () => {
    const update = (rows: UpdateBatch['rows']): UpdateBatch => ({ kind: 'update', meta: author, columns: [prop('name'), prop('age')], rows });
    const twoRows = update([
      { key: 1, version: 3, values: ['Ada', 37] },
      { key: 2, version: 5, values: ['Grace', 86] },
    ]);

    it('joins a values table of (key, values, version) rows, bumps the version and matches (pk, version)', async () => {
      const { sent } = await run(sqliteDialect, [twoRows]);

      expect(sent).toEqual([
        {
          sql:
            'update "authors" set "name" = "tessera_values"."column2", "age" = "tessera_values"."column3", "version" = "version" + ? ' +
            'from (values (?, ?, ?, ?), (?, ?, ?, ?)) as "tessera_values" ' +
            'where ("authors"."id" = "tessera_values"."column1" and "authors"."version" = "tessera_values"."column4")',
          params: [1, 1, 'Ada', 37, 3, 2, 'Grace', 86, 5],
        },
      ]);
    });

    it('joins one typed array per column on postgres', async () => {
      const { sent } = await run(postgresDialect, [twoRows]);

      expect(sent).toEqual([
        {
          sql:
            'update "authors" set "name" = "tessera_values"."column2", "age" = "tessera_values"."column3", "version" = "version" + $1 ' +
            'from unnest(cast($2 as integer[]), cast($3 as varchar[]), cast($4 as integer[]), cast($5 as integer[])) ' +
            'as "tessera_values"("column1", "column2", "column3", "column4") ' +
            'where ("authors"."id" = "tessera_values"."column1" and "authors"."version" = "tessera_values"."column4")',
          params: [1, [1, 2], ['Ada', 'Grace'], [37, 86], [3, 5]],
        },
      ]);
    });

    it('joins a derived table on mysql, which has no UPDATE .. FROM', async () => {
      const { sent } = await run(mysqlDialect, [twoRows]);

      expect(sent).toEqual([
        {
          sql:
            'update `authors` join (select ? as `column1`, ? as `column2`, ? as `column3`, ? as `column4` union all select ?, ?, ?, ?) ' +
            'as `tessera_values` on (`authors`.`id` = `tessera_values`.`column1` and `authors`.`version` = `tessera_values`.`column4`) ' +
            'set `name` = `tessera_values`.`column2`, `age` = `tessera_values`.`column3`, `version` = `version` + ?',
          params: [1, 'Ada', 37, 3, 2, 'Grace', 86, 5, 1],
        },
      ]);
    });

    it('uses a plain set and pk = ? and version = ? for one row', async () => {
      const { sent } = await run(mysqlDialect, [update([{ key: 1, version: 3, values: ['Ada', 37] }])], { affectedRows: 1 });

      expect(sent).toEqual([
        {
          sql: 'update `authors` set `name` = ?, `age` = ?, `version` = `version` + ? where (`id` = ? and `version` = ?)',
          params: ['Ada', 37, 1, 1, 3],
        },
      ]);
    });

    it('throws OptimisticLockError when fewer rows than sent were updated', async () => {
      const connection = new RecordingConnection(1);

      const flush = sqliteDialect.createFlushExecutor().execute(twoRows, connection, 1000);

      await expect(flush).rejects.toThrow(OptimisticLockError);
      await expect(flush).rejects.toMatchObject({ entity: 'Author', expected: 2, actual: 1 });
    });

    // Regression, fixed in e76771f: update() chunked by `perRow = 1 + 2 * width + 1` and forgot the fixed
    // `"version" + ?` value bound once per statement, so when maxParameters was a multiple of perRow a statement
    // carried maxParameters + 1 values. On SQLite (limit 32766 = 6 x 5461) a versioned 2-column update with
    // batchSize >= 5461, or a 42-column one at the default 1000 (86 x 381), failed with "too many SQL variables".
    it('keeps a versioned update under the parameter limit, counting the version increment (regression: one over)', async () => {
      const executor = new SqlFlushExecutor(new SqliteCompiler(), { supportsReturning: true, supportsWriteReturning: true, maxParameters: 12, transactionalDdl: true, arrayParameters: false, defaultBatchSize: 1000 });
      const connection = new RecordingConnection(2);

      await executor.execute(twoRows, connection, 1000).catch(() => undefined);

      expect(Math.max(...connection.sent.map((s) => s.params.length))).toBeLessThanOrEqual(12);
    });
  });

  describe('delete', () => {
    it('matches (pk, version) pairs for versioned rows', async () => {
      const batch: DeleteBatch = { kind: 'delete', meta: author, keys: [4, 9], versions: [1, 2] };

      expect((await run(sqliteDialect, [batch])).sent).toEqual([
        { sql: 'delete from "authors" where ("id", "version") in ((?, ?), (?, ?))', params: [4, 1, 9, 2] },
      ]);
      expect((await run(postgresDialect, [batch])).sent).toEqual([
        {
          sql:
            'delete from "authors" using unnest(cast($1 as integer[]), cast($2 as integer[])) as "tessera_values"("column1", "column2") ' +
            'where ("authors"."id" = "tessera_values"."column1" and "authors"."version" = "tessera_values"."column2")',
          params: [
            [4, 9],
            [1, 2],
          ],
        },
      ]);
    });

    it('matches keys with in, or = for a single row, when the entity has no version', async () => {
      const many: DeleteBatch = { kind: 'delete', meta: tag, keys: [1, 2, 3] };
      const one: DeleteBatch = { kind: 'delete', meta: tag, keys: [7] };

      expect((await run(sqliteDialect, [many, one], { affectedRows: 0 })).sent).toEqual([
        { sql: 'delete from "tags" where "id" in (?, ?, ?)', params: [1, 2, 3] },
        { sql: 'delete from "tags" where "id" = ?', params: [7] },
      ]);
    });
  });
});

import { mysqlDialect } from '../../../src/dialects/mysql';
import { postgresDialect } from '../../../src/dialects/postgres';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import type { Dialect } from '../../../src/dialects/dialect';
import { QueryError } from '../../../src';
import { AggregateNode } from '../../../src/query/nodes/aggregate-node';
import { AssignmentNode } from '../../../src/query/nodes/assignment-node';
import { BinaryOperationNode } from '../../../src/query/nodes/binary-operation-node';
import { ValuesNode } from '../../../src/query/nodes/values-node';
import { CastNode } from '../../../src/query/nodes/cast-node';
import { ColumnNode } from '../../../src/query/nodes/column-node';
import { ConstantNode } from '../../../src/query/nodes/constant-node';
import { DeleteQueryNode } from '../../../src/query/nodes/delete-query-node';
import { InsertQueryNode } from '../../../src/query/nodes/insert-query-node';
import { IsNullNode } from '../../../src/query/nodes/is-null-node';
import { JunctionNode } from '../../../src/query/nodes/junction-node';
import { NotNode } from '../../../src/query/nodes/not-node';
import type { QueryNode } from '../../../src/query/nodes/operation-node';
import { OrderByItemNode } from '../../../src/query/nodes/order-by-item-node';
import { SelectQueryNode } from '../../../src/query/nodes/select-query-node';
import { TableNode } from '../../../src/query/nodes/table-node';
import { TupleNode } from '../../../src/query/nodes/tuple-node';
import { UpdateQueryNode } from '../../../src/query/nodes/update-query-node';
import { ValueNode } from '../../../src/query/nodes/value-node';

const dialects = { sqlite: sqliteDialect, postgres: postgresDialect, mysql: mysqlDialect } as const;
type DialectName = keyof typeof dialects;
type Compiled = { sql: string; params: unknown[] };

/** The node compiled by each dialect's compiler, as `{ sql, params }`. */
function compileAll(node: QueryNode): Record<DialectName, Compiled> {
  const out = {} as Record<DialectName, Compiled>;
  for (const [name, dialect] of Object.entries(dialects) as [DialectName, Dialect][]) {
    const { sql, params } = dialect.createCompiler().compile(node);
    out[name] = { sql, params: [...params] };
  }
  return out;
}

const col = (name: string) => ColumnNode.create(name);
const val = (value: unknown) => ValueNode.create(value);
const authors = TableNode.create('authors');
const selectAuthors = (...columns: string[]) => SelectQueryNode.create(authors, columns.map(col));

describe('SqlCompiler golden SQL per dialect', () => {
  describe('select', () => {
    it('compiles and / or / not with bound values', () => {
      const where = JunctionNode.create('and', [
        BinaryOperationNode.create(col('age'), '>=', val(18)),
        JunctionNode.create('or', [
          BinaryOperationNode.create(col('name'), 'like', val('A%')),
          NotNode.create(BinaryOperationNode.create(col('email'), '=', val('x@y.z'))),
        ]),
      ]);

      expect(compileAll(SelectQueryNode.withWhere(selectAuthors('id', 'name'), where))).toEqual({
        sqlite: {
          sql: 'select "id", "name" from "authors" where ("age" >= ? and ("name" like ? or not ("email" = ?)))',
          params: [18, 'A%', 'x@y.z'],
        },
        postgres: {
          sql: 'select "id", "name" from "authors" where ("age" >= $1 and ("name" like $2 or not ("email" = $3)))',
          params: [18, 'A%', 'x@y.z'],
        },
        mysql: {
          sql: 'select `id`, `name` from `authors` where (`age` >= ? and (`name` like ? or not (`email` = ?)))',
          params: [18, 'A%', 'x@y.z'],
        },
      });
    });

    it('compiles in, not in, is null and is not null', () => {
      const where = JunctionNode.create('and', [
        BinaryOperationNode.create(col('id'), 'in', TupleNode.create([val(1), val(2), val(3)])),
        BinaryOperationNode.create(col('status'), 'not in', TupleNode.create([val('banned')])),
        IsNullNode.create(col('deleted_at')),
        IsNullNode.create(col('email'), true),
      ]);

      expect(compileAll(SelectQueryNode.withWhere(selectAuthors('id'), where))).toEqual({
        sqlite: {
          sql: 'select "id" from "authors" where ("id" in (?, ?, ?) and "status" not in (?) and "deleted_at" is null and "email" is not null)',
          params: [1, 2, 3, 'banned'],
        },
        postgres: {
          sql: 'select "id" from "authors" where ("id" in ($1, $2, $3) and "status" not in ($4) and "deleted_at" is null and "email" is not null)',
          params: [1, 2, 3, 'banned'],
        },
        mysql: {
          sql: 'select `id` from `authors` where (`id` in (?, ?, ?) and `status` not in (?) and `deleted_at` is null and `email` is not null)',
          params: [1, 2, 3, 'banned'],
        },
      });
    });

    it('binds a list of more than 1,000 values as one array (postgres) or one JSON array (sqlite); mysql2 escapes each', () => {
      const ids = Array.from({ length: 1001 }, (_, i) => i);
      const where = JunctionNode.create('and', [
        BinaryOperationNode.create(col('id'), 'in', TupleNode.create(ids.map(val))),
        BinaryOperationNode.create(col('name'), 'not in', TupleNode.create([...ids.map(String), null, "a'\"b"].map(val))),
      ]);
      const compiled = compileAll(SelectQueryNode.withWhere(selectAuthors('id'), where));
      expect(compiled.postgres).toEqual({ sql: 'select "id" from "authors" where ("id" = any($1) and "name" <> all($2))', params: [ids, [...ids.map(String), null, "a'\"b"]] });
      expect(compiled.sqlite).toEqual({
        sql: 'select "id" from "authors" where ("id" in (select value from json_each(?)) and "name" not in (select value from json_each(?)))',
        params: [JSON.stringify(ids), JSON.stringify([...ids.map(String), null, "a'\"b"])],
      });
      expect(compiled.mysql.params).toHaveLength(2 * 1001 + 2);
      // Blobs have no exact JSON form: one parameter each on SQLite.
      const blobs = BinaryOperationNode.create(col('data'), 'in', TupleNode.create(ids.map((i) => val(Buffer.from([i % 256])))));
      expect(compileAll(SelectQueryNode.withWhere(selectAuthors('id'), blobs)).sqlite.params).toHaveLength(1001);
    });

    it('refuses a statement with more parameters than the database binds, before sending it; mysql2 has no such limit', () => {
      const raw = (count: number) => SelectQueryNode.withWhere(selectAuthors('id'), BinaryOperationNode.create(col('data'), 'in', TupleNode.create(Array.from({ length: count }, (_, i) => val(Buffer.from([i % 256]))))));
      expect(() => sqliteDialect.createCompiler().compile(raw(32_767))).toThrow(
        'A statement would bind 32767 parameters, more than the database accepts (32766): split the query (e.g. a long $in list into several finds).',
      );
      expect(sqliteDialect.createCompiler().compile(raw(32_766)).params).toHaveLength(32_766);
      expect(mysqlDialect.createCompiler().compile(raw(70_000)).params).toHaveLength(70_000);
    });

    it('refuses a NUL in any identifier it quotes', () => {
      for (const name of ['a\0b', '\0']) {
        const node = SelectQueryNode.create(TableNode.create('authors'), [AggregateNode.create('count', name)]);
        for (const dialect of Object.values(dialects)) {
          expect(() => dialect.createCompiler().compile(node)).toThrow(`The identifier '${name.replace('\0', '\\0')}' contains a NUL character`);
          expect(() => dialect.createCompiler().compile(SelectQueryNode.create(TableNode.create(name), [col('id')]))).toThrow(QueryError);
        }
      }
    });

    it('compiles ilike natively on postgres and as lower() like lower() elsewhere', () => {
      const node = SelectQueryNode.withWhere(selectAuthors('id'), BinaryOperationNode.create(col('name'), 'ilike', val('ada%')));

      expect(compileAll(node)).toEqual({
        sqlite: { sql: 'select "id" from "authors" where lower("name") like lower(?)', params: ['ada%'] },
        postgres: { sql: 'select "id" from "authors" where "name" ilike $1', params: ['ada%'] },
        mysql: { sql: 'select `id` from `authors` where lower(`name`) like lower(?)', params: ['ada%'] },
      });
    });

    it('compiles constants, a one-item junction without parentheses, and empty junctions', () => {
      const where = JunctionNode.create('and', [
        ConstantNode.create(false),
        NotNode.create(ConstantNode.create(true)),
        JunctionNode.create('or', []),
        JunctionNode.create('and', []),
        JunctionNode.create('or', [BinaryOperationNode.create(col('id'), '=', val(7))]),
      ]);

      expect(compileAll(SelectQueryNode.withWhere(selectAuthors('id'), where)).postgres).toEqual({
        sql: 'select "id" from "authors" where (1 = 0 and not (1 = 1) and 1 = 0 and 1 = 1 and "id" = $1)',
        params: [7],
      });
    });

    it('compiles order by', () => {
      const node = SelectQueryNode.withOrderBy(selectAuthors('id'), [
        OrderByItemNode.create(col('name'), 'asc'),
        OrderByItemNode.create(col('id'), 'desc'),
      ]);

      expect(compileAll(node)).toEqual({
        sqlite: { sql: 'select "id" from "authors" order by "name" asc, "id" desc', params: [] },
        postgres: { sql: 'select "id" from "authors" order by "name" asc, "id" desc', params: [] },
        mysql: { sql: 'select `id` from `authors` order by `name` asc, `id` desc', params: [] },
      });
    });

    it('binds limit and offset after the where values', () => {
      let node = SelectQueryNode.withWhere(selectAuthors('id'), BinaryOperationNode.create(col('age'), '>', val(30)));
      node = SelectQueryNode.withOrderBy(node, [OrderByItemNode.create(col('id'), 'asc')]);
      node = SelectQueryNode.withPagination(node, 10, 20);

      expect(compileAll(node)).toEqual({
        sqlite: { sql: 'select "id" from "authors" where "age" > ? order by "id" asc limit ? offset ?', params: [30, 10, 20] },
        postgres: { sql: 'select "id" from "authors" where "age" > $1 order by "id" asc limit $2 offset $3', params: [30, 10, 20] },
        mysql: { sql: 'select `id` from `authors` where `age` > ? order by `id` asc limit ? offset ?', params: [30, 10, 20] },
      });
    });

    it('compiles a limit alone', () => {
      expect(compileAll(SelectQueryNode.withPagination(selectAuthors('id'), 5, undefined))).toEqual({
        sqlite: { sql: 'select "id" from "authors" limit ?', params: [5] },
        postgres: { sql: 'select "id" from "authors" limit $1', params: [5] },
        mysql: { sql: 'select `id` from `authors` limit ?', params: [5] },
      });
    });

    it('compiles an offset without a limit the way each database accepts it', () => {
      expect(compileAll(SelectQueryNode.withPagination(selectAuthors('id'), undefined, 20))).toEqual({
        sqlite: { sql: 'select "id" from "authors" limit ? offset ?', params: [-1, 20] },
        postgres: { sql: 'select "id" from "authors" offset $1', params: [20] },
        mysql: { sql: 'select `id` from `authors` limit 18446744073709551615 offset ?', params: [20] },
      });
    });

    it('compiles a count with a quoted alias', () => {
      const node = SelectQueryNode.withWhere(
        SelectQueryNode.create(authors, [AggregateNode.create('count', 'count')]),
        BinaryOperationNode.create(col('age'), '<', val(40)),
      );

      expect(compileAll(node)).toEqual({
        sqlite: { sql: 'select count(*) as "count" from "authors" where "age" < ?', params: [40] },
        postgres: { sql: 'select count(*) as "count" from "authors" where "age" < $1', params: [40] },
        mysql: { sql: 'select count(*) as `count` from `authors` where `age` < ?', params: [40] },
      });
    });

    it('compiles an aggregate over a column', () => {
      const node = SelectQueryNode.create(authors, [AggregateNode.create('max', 'oldest', col('age'))]);

      expect(compileAll(node).postgres.sql).toBe('select max("age") as "oldest" from "authors"');
    });
  });

  describe('insert', () => {
    const insert = (returning: boolean) => {
      const node = InsertQueryNode.create(authors, [col('name'), col('email')], [
        TupleNode.create([val('Ada'), val('ada@example.com')]),
        TupleNode.create([val('Grace'), val(null)]),
      ]);
      return returning ? InsertQueryNode.withReturning(node, [col('id')]) : node;
    };

    it('compiles a multi-row insert, with returning where the dialect supports it', () => {
      const compiled = Object.fromEntries(
        (Object.keys(dialects) as DialectName[]).map((name) => [
          name,
          compileAll(insert(dialects[name].capabilities.supportsReturning))[name],
        ]),
      );

      expect(compiled).toEqual({
        sqlite: {
          sql: 'insert into "authors" ("name", "email") values (?, ?), (?, ?) returning "id"',
          params: ['Ada', 'ada@example.com', 'Grace', null],
        },
        postgres: {
          sql: 'insert into "authors" ("name", "email") values ($1, $2), ($3, $4) returning "id"',
          params: ['Ada', 'ada@example.com', 'Grace', null],
        },
        mysql: {
          sql: 'insert into `authors` (`name`, `email`) values (?, ?), (?, ?)',
          params: ['Ada', 'ada@example.com', 'Grace', null],
        },
      });
    });
  });

  describe('update', () => {
    // The shape the flush executor builds; only postgres's executor adds the cast, the compiler renders any node.
    it('compiles an update joined to a values table, with a version bump', () => {
      const joined = (n: number) => ColumnNode.create(ValuesNode.columnName(n), 'v');
      const node = UpdateQueryNode.withFrom(
        UpdateQueryNode.create(
          authors,
          [
            AssignmentNode.create(col('age'), joined(1)),
            AssignmentNode.create(col('version'), BinaryOperationNode.create(col('version'), '+', val(1))),
          ],
          BinaryOperationNode.create(ColumnNode.create('id', 'authors'), '=', joined(0)),
        ),
        ValuesNode.create([TupleNode.create([CastNode.create(val(1), 'integer'), val(37)]), TupleNode.create([val(2), val(86)])], 'v'),
      );

      expect(compileAll(node)).toEqual({
        sqlite: {
          sql:
            'update "authors" set "age" = "v"."column2", "version" = "version" + ? ' +
            'from (values (cast(? as integer), ?), (?, ?)) as "v" where "authors"."id" = "v"."column1"',
          params: [1, 1, 37, 2, 86],
        },
        postgres: {
          sql:
            'update "authors" set "age" = "v"."column2", "version" = "version" + $1 ' +
            'from (values (cast($2 as integer), $3), ($4, $5)) as "v" where "authors"."id" = "v"."column1"',
          params: [1, 1, 37, 2, 86],
        },
        mysql: {
          sql:
            'update `authors` join (select cast(? as integer) as `column1`, ? as `column2` union all select ?, ?) as `v` ' +
            'on `authors`.`id` = `v`.`column1` set `age` = `v`.`column2`, `version` = `version` + ?',
          params: [1, 37, 2, 86, 1],
        },
      });
    });
  });

  describe('delete', () => {
    it('compiles a delete matching (pk, version) row values', () => {
      const node = DeleteQueryNode.create(
        authors,
        BinaryOperationNode.create(
          TupleNode.create([col('id'), col('version')]),
          'in',
          TupleNode.create([TupleNode.create([val(4), val(1)]), TupleNode.create([val(9), val(2)])]),
        ),
      );

      expect(compileAll(node)).toEqual({
        sqlite: { sql: 'delete from "authors" where ("id", "version") in ((?, ?), (?, ?))', params: [4, 1, 9, 2] },
        postgres: { sql: 'delete from "authors" where ("id", "version") in (($1, $2), ($3, $4))', params: [4, 1, 9, 2] },
        mysql: { sql: 'delete from `authors` where (`id`, `version`) in ((?, ?), (?, ?))', params: [4, 1, 9, 2] },
      });
    });

    it('compiles a delete without a where', () => {
      expect(compileAll(DeleteQueryNode.create(authors)).mysql).toEqual({ sql: 'delete from `authors`', params: [] });
    });
  });

  describe('placeholders', () => {
    it('numbers postgres placeholders 1..n in text order, across where, limit and offset', () => {
      const where = JunctionNode.create(
        'or',
        Array.from({ length: 11 }, (_, i) => BinaryOperationNode.create(col('id'), '=', val(i * 10))),
      );
      const node = SelectQueryNode.withPagination(SelectQueryNode.withWhere(selectAuthors('id'), where), 3, 4);

      const { sql, params } = postgresDialect.createCompiler().compile(node);

      expect(sql.match(/\$\d+/g)).toEqual(Array.from({ length: 13 }, (_, i) => `$${i + 1}`));
      expect(params).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 3, 4]);
    });

    it.each(['sqlite', 'mysql'] as const)('uses only ? placeholders on %s', (name) => {
      const node = SelectQueryNode.withWhere(selectAuthors('id'), BinaryOperationNode.create(col('id'), '=', val(1)));

      expect(compileAll(node)[name].sql).not.toMatch(/\$\d/);
    });

    it('returns a frozen query, and a compiler can be reused', () => {
      const compiler = postgresDialect.createCompiler();
      const first = compiler.compile(SelectQueryNode.withWhere(selectAuthors('id'), BinaryOperationNode.create(col('id'), '=', val(1))));
      const second = compiler.compile(SelectQueryNode.withWhere(selectAuthors('id'), BinaryOperationNode.create(col('id'), '=', val(2))));

      expect(Object.isFrozen(first)).toBe(true);
      expect(second).toEqual({ sql: 'select "id" from "authors" where "id" = $1', params: [2], kind: 'select', table: 'authors' });
      expect(first.params).toEqual([1]);
    });
  });

  describe('hostile identifiers and values', () => {
    const hostileTable = 'a"b';
    const hostileColumns = ['x`y', '"; drop table t; --'];
    const hostileValues = ["'; drop table t; --", '"); delete from authors; --', '$1', '?', "x`y"];

    const node = SelectQueryNode.withWhere(
      SelectQueryNode.create(TableNode.create(hostileTable), hostileColumns.map(col)),
      JunctionNode.create('and', [
        BinaryOperationNode.create(col(hostileColumns[0]), '=', val(hostileValues[0])),
        BinaryOperationNode.create(col(hostileColumns[1]), 'in', TupleNode.create(hostileValues.slice(1).map(val))),
      ]),
    );

    it('quotes and escapes hostile identifiers for each dialect', () => {
      expect(compileAll(node)).toEqual({
        sqlite: {
          sql: 'select "x`y", """; drop table t; --" from "a""b" where ("x`y" = ? and """; drop table t; --" in (?, ?, ?, ?))',
          params: hostileValues,
        },
        postgres: {
          sql: 'select "x`y", """; drop table t; --" from "a""b" where ("x`y" = $1 and """; drop table t; --" in ($2, $3, $4, $5))',
          params: hostileValues,
        },
        mysql: {
          sql: 'select `x``y`, `"; drop table t; --` from `a"b` where (`x``y` = ? and `"; drop table t; --` in (?, ?, ?, ?))',
          params: hostileValues,
        },
      });
    });

    it.each(Object.keys(dialects) as DialectName[])('keeps hostile values out of the SQL text on %s', (name) => {
      const { sql, params } = compileAll(node)[name];

      for (const value of ["'; drop table t; --", 'delete from authors', "'"]) expect(sql).not.toContain(value);
      expect(params).toEqual(hostileValues);
    });

    it.each([
      ['sqlite', 'a"b', '"a""b"'],
      ['sqlite', 'x`y', '"x`y"'],
      ['sqlite', '"; drop table t; --', '"""; drop table t; --"'],
      ['postgres', 'a"b', '"a""b"'],
      ['postgres', '""', '""""""'],
      ['mysql', 'x`y', '`x``y`'],
      ['mysql', '``', '``````'],
      ['mysql', 'a"b', '`a"b`'],
    ] as const)('%s quotes %j as %s', (name, identifier, quoted) => {
      expect(dialects[name].createCompiler().quoteIdentifier(identifier)).toBe(quoted);
    });
  });
});

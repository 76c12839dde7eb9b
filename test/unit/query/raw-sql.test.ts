import { mysqlDialect } from '../../../src/dialects/mysql';
import { postgresDialect } from '../../../src/dialects/postgres';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import { ident, raw, sql, templateNode } from '../../../src/query/raw-sql';

const compile = (dialect: typeof sqliteDialect, strings: TemplateStringsArray, ...values: unknown[]) => {
  const { sql: text, params } = dialect.createCompiler().compile(templateNode(strings, values));
  return { sql: text, params: [...params] };
};
const tpl = (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values });

describe('raw SQL templates', () => {
  const nested = sql`a = ${1} and ${raw('b in (?, ?)', ['x', 'y'])}`;
  const { strings, values } = tpl`select * from ${ident('t"`x')} where ${nested} and ${sql.id('c')} = ${2n}`;

  test('postgres: $n placeholders numbered through nested fragments; double-quoted identifiers', () => {
    expect(compile(postgresDialect, strings, ...values)).toEqual({
      sql: 'select * from "t""`x" where a = $1 and b in ($2, $3) and "c" = $4',
      params: [1, 'x', 'y', 2n],
    });
  });

  test('sqlite: ? placeholders', () => {
    expect(compile(sqliteDialect, strings, ...values)).toEqual({
      sql: 'select * from "t""`x" where a = ? and b in (?, ?) and "c" = ?',
      params: [1, 'x', 'y', 2n],
    });
  });

  test('mysql: ? placeholders, backtick identifiers', () => {
    expect(compile(mysqlDialect, strings, ...values)).toEqual({
      sql: 'select * from `t"``x` where a = ? and b in (?, ?) and `c` = ?',
      params: [1, 'x', 'y', 2n],
    });
  });

  test('a value that looks like SQL is still a value', () => {
    const hostile = "'); drop table t; --";
    const { strings: s, values: v } = tpl`select ${hostile}`;
    expect(compile(postgresDialect, s, ...v)).toEqual({ sql: 'select $1', params: [hostile] });
  });
});

import { planTable } from '../../../src/analysis/plan-table';

const TABLES = new Set(['book', 'author']);

describe('planTable', () => {
  test.each([
    ['book', 'select * from book', 'book'],
    ['b', 'select * from book as b', 'book'],
    ['b', 'select * from "book" "b" where b.x = 1', 'book'],
    ['a', 'select * from `book` `b` join `author` as `a` on a.id = b.author_id', 'author'],
    ['e0', 'SELECT e0.id FROM author AS e0', 'author'],
  ])('%s in %s is %s', (name, sql, table) => {
    expect(planTable(name, sql, TABLES)).toBe(table);
  });

  test('an alias of a subquery, of a table not in the schema, or a prefix of another alias is no table', () => {
    expect(planTable('s', 'select * from (select 1) s', TABLES)).toBeUndefined();
    expect(planTable('t', 'select * from other t', TABLES)).toBeUndefined();
    expect(planTable('b', 'select * from book as b2', TABLES)).toBeUndefined();
    expect(planTable('CONSTANT', 'select 1', TABLES)).toBeUndefined();
  });
});

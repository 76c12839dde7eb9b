import { mysqlDialect } from '../../../../src/dialects/mysql';
import { postgresDialect } from '../../../../src/dialects/postgres';
import { sqliteDialect } from '../../../../src/dialects/sqlite';
import { ColumnNode } from '../../../../src/query/nodes/column-node';
import { LockNode, type LockStrength, type LockWait } from '../../../../src/query/nodes/lock-node';
import { SelectQueryNode } from '../../../../src/query/nodes/select-query-node';
import { TableNode } from '../../../../src/query/nodes/table-node';

const locked = (strength: LockStrength, wait?: LockWait) =>
  SelectQueryNode.withLock(
    SelectQueryNode.withPagination(SelectQueryNode.create(TableNode.create('t'), [ColumnNode.create('id')]), 10, undefined),
    LockNode.create(strength, wait),
  );
const sqlOf = (dialect: typeof sqliteDialect, strength: LockStrength, wait?: LockWait) => dialect.createCompiler().compile(locked(strength, wait)).sql;

describe('row lock clause, after the limit', () => {
  test('postgres: for update / for share, nowait, skip locked', () => {
    expect(sqlOf(postgresDialect, 'update')).toBe('select "id" from "t" limit $1 for update');
    expect(sqlOf(postgresDialect, 'share', 'nowait')).toBe('select "id" from "t" limit $1 for share nowait');
    expect(sqlOf(postgresDialect, 'update', 'skip_locked')).toBe('select "id" from "t" limit $1 for update skip locked');
  });

  test('mysql/mariadb: lock in share mode (MariaDB has no for share)', () => {
    expect(sqlOf(mysqlDialect, 'update', 'nowait')).toBe('select `id` from `t` limit ? for update nowait');
    expect(sqlOf(mysqlDialect, 'share')).toBe('select `id` from `t` limit ? lock in share mode');
    expect(sqlOf(mysqlDialect, 'share', 'skip_locked')).toBe('select `id` from `t` limit ? lock in share mode skip locked');
  });

  test('sqlite: nothing (no row locks; the transaction holds the write lock)', () => {
    expect(sqlOf(sqliteDialect, 'update', 'nowait')).toBe('select "id" from "t" limit ?');
  });

  test('the node is frozen and withLock makes a new select', () => {
    const base = SelectQueryNode.create(TableNode.create('t'), [ColumnNode.create('id')]);
    const withLock = SelectQueryNode.withLock(base, LockNode.create('update'));
    expect(base.lock).toBeUndefined();
    expect(Object.isFrozen(withLock.lock)).toBe(true);
  });
});

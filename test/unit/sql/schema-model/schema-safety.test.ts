import { destructiveChanges } from '../../../../src';
import { narrows } from '../../../../src/sql/schema-model/schema-safety';
import { column, id, table } from './schema-fixtures';

describe('narrows', () => {
  it.each([
    [column('a', 'int'), column('a', 'bigint'), false],
    [column('a', 'bigint'), column('a', 'int'), true],
    [column('a', 'string', { length: 50 }), column('a', 'string', { length: 100 }), false],
    [column('a', 'string', { length: 50 }), column('a', 'string', { length: 10 }), true],
    [column('a', 'string', { length: 50 }), column('a', 'text'), false],
    [column('a', 'text'), column('a', 'string', { length: 255 }), true],
    [column('a', 'decimal', { precision: 10, scale: 2 }), column('a', 'decimal', { precision: 12, scale: 2 }), false],
    [column('a', 'decimal', { precision: 10, scale: 2 }), column('a', 'decimal', { precision: 10, scale: 4 }), true],
    [column('a', 'enum', { items: ['x', 'y'] }), column('a', 'enum', { items: ['x', 'y', 'z'] }), false],
    [column('a', 'enum', { items: ['x', 'y'] }), column('a', 'enum', { items: ['x'] }), true],
    [column('a', 'uuid'), column('a', 'string', { length: 36 }), false],
    [column('a', 'json'), column('a', 'text'), true],
    [column('a', undefined, { nativeType: 'smallint' }), column('a', undefined, { nativeType: 'SMALLINT' }), false],
  ])('%j → %j: %s', (from, to, expected) => {
    expect(narrows(from, to)).toBe(expected);
  });
});

describe('destructiveChanges', () => {
  it('names drops, narrowing and NOT NULL without default; the last needs a look at the data', () => {
    const nick = column('nick', 'string', { length: 20, nullable: true });
    const changes = destructiveChanges([
      { kind: 'dropTable', table: table('old', [id]) },
      { kind: 'dropColumn', table: 'users', column: nick },
      { kind: 'alterColumn', table: 'users', from: nick, to: column('nick', 'string', { length: 10 }) },
      { kind: 'addColumn', table: 'users', column: column('age', 'int') },
      { kind: 'addColumn', table: 'users', column: column('score', 'int', { default: '0' }) },
      { kind: 'dropIndex', table: 'users', index: { name: 'i', columns: ['nick'], unique: false } },
    ]);
    expect(changes.map((c) => [c.reason, c.table, c.column, c.dataCheck])).toEqual([
      ['drop table', 'old', undefined, undefined],
      ['drop column', 'users', 'nick', undefined],
      ['type narrowing', 'users', 'nick', undefined],
      ['not null without default', 'users', 'nick', 'nulls'],
      ['not null without default', 'users', 'age', 'rows'],
    ]);
  });
});

import { describeOperation } from '../../../src/cli/describe-operation';
import type { ColumnSchema } from '../../../src';
import { IndexSchema } from '../../../src/sql/schema-model/index-schema';
import { TableSchema } from '../../../src/sql/schema-model/table-schema';
import { UniqueConstraintSchema } from '../../../src/sql/schema-model/unique-constraint-schema';

const born: ColumnSchema = { name: 'born', nativeType: 'integer', type: 'int', nullable: true, identity: false };
const tags = TableSchema.create({ name: 'tags', columns: [], uniqueConstraints: [], indexes: [], foreignKeys: [] });

test('each operation is one readable line naming what it touches', () => {
  expect(describeOperation({ kind: 'createTable', table: tags })).toBe('create table tags');
  expect(describeOperation({ kind: 'dropTable', table: tags })).toBe('drop table tags');
  expect(describeOperation({ kind: 'addColumn', table: 'author', column: born })).toBe('add column author.born');
  expect(describeOperation({ kind: 'renameColumn', table: 'author', from: 'born', to: 'birth_year' })).toBe('rename column author.born to birth_year');
  expect(describeOperation({ kind: 'alterColumn', table: 'author', from: born, to: { ...born, nullable: false } })).toBe('alter column author.born');
  expect(describeOperation({ kind: 'dropIndex', table: 'author', index: IndexSchema.create('author_born_index', ['born'], false) })).toBe(
    'drop index author_born_index on author',
  );
  expect(describeOperation({ kind: 'addUnique', table: 'author', unique: UniqueConstraintSchema.create(undefined, ['name', 'born']) })).toBe(
    'add unique (name, born) on author',
  );
  expect(describeOperation({ kind: 'raw', sql: 'update author set born = 0\nwhere born is null' })).toBe('raw sql: update author set born = 0');
});

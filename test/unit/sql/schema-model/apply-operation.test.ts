import { applyOperation, applyOperations, DatabaseSchema, SchemaError, TableSchema } from '../../../../src';
import { column, foreignKey, id, schema, table } from './schema-fixtures';

const users = table('users', [id, column('email', 'string', { length: 100 }), column('nick', 'string', { length: 20, nullable: true })], {
  indexes: [{ name: 'users_nick_index', columns: ['nick', 'email'], unique: false }],
  uniqueConstraints: [{ name: 'users_email_unique', columns: ['email'] }],
});
const posts = table('posts', [id, column('user_id', 'int'), column('editor_email', 'string', { length: 100 })], {
  foreignKeys: [foreignKey('posts_user_id_foreign', ['user_id'], 'users'), foreignKey('posts_editor_foreign', ['editor_email'], 'users', { referencedColumns: ['email'] })],
});
const live = schema(users, posts);

describe('applyOperation', () => {
  it('is pure: the schema it is given stays as it was', () => {
    const before = JSON.stringify(live);
    applyOperation(live, { kind: 'dropTable', table: users });
    expect(JSON.stringify(live)).toBe(before);
  });

  it('renames a column everywhere a key names it, in its table and in the keys that reference it', () => {
    const next = applyOperation(live, { kind: 'renameColumn', table: 'users', from: 'email', to: 'mail' });
    const renamed = DatabaseSchema.table(next, 'users') as TableSchema;
    expect(renamed.columns.map((c) => c.name)).toEqual(['id', 'mail', 'nick']);
    expect(renamed.indexes[0].columns).toEqual(['nick', 'mail']);
    expect(renamed.uniqueConstraints[0].columns).toEqual(['mail']);
    expect(DatabaseSchema.table(next, 'posts')?.foreignKeys.map((fk) => fk.referencedColumns)).toEqual([['id'], ['mail']]);
  });

  it('drops a column with the indexes and keys over it', () => {
    const next = applyOperation(live, { kind: 'dropColumn', table: 'users', column: users.columns[2] });
    expect(DatabaseSchema.table(next, 'users')?.indexes).toEqual([]);
    const withoutEditor = applyOperation(live, { kind: 'dropColumn', table: 'posts', column: posts.columns[2] });
    expect(DatabaseSchema.table(withoutEditor, 'posts')?.foreignKeys.map((fk) => fk.name)).toEqual(['posts_user_id_foreign']);
  });

  it('renames a table and the keys that reference it; lists stay sorted as introspection sorts them', () => {
    const next = applyOperation(live, { kind: 'renameTable', from: 'users', to: 'accounts' });
    expect(next.tables.map((t) => t.name)).toEqual(['accounts', 'posts']);
    expect(DatabaseSchema.table(next, 'posts')?.foreignKeys.map((fk) => fk.referencedTable)).toEqual(['accounts', 'accounts']);
    const indexed = applyOperation(next, { kind: 'createIndex', table: 'posts', index: { name: 'a_first', columns: ['user_id'], unique: false } });
    const again = applyOperation(indexed, { kind: 'createIndex', table: 'posts', index: { name: 'z_last', columns: ['id'], unique: true } });
    expect(DatabaseSchema.table(again, 'posts')?.indexes.map((i) => i.name)).toEqual(['a_first', 'z_last']);
  });

  it('alters, adds and drops keys, and an unnamed key (SQLite) is found by its columns', () => {
    const unnamed = { ...posts.foreignKeys[0], name: undefined };
    const sqlite = schema(users, TableSchema.create({ ...posts, foreignKeys: [unnamed] }));
    const next = applyOperation(sqlite, { kind: 'dropForeignKey', table: 'posts', foreignKey: { ...unnamed } });
    expect(DatabaseSchema.table(next, 'posts')?.foreignKeys).toEqual([]);
    const altered = applyOperation(live, { kind: 'alterColumn', table: 'users', from: users.columns[2], to: column('nick', 'text') });
    expect(DatabaseSchema.table(altered, 'users')?.columns[2]).toEqual(column('nick', 'text'));
  });

  it('an operation and its inverse come back to where they started', () => {
    const created = table('tags', [id, column('label', 'string', { length: 30 })]);
    const ops = [
      { kind: 'createTable', table: created },
      { kind: 'addColumn', table: 'tags', column: column('color', 'string', { length: 7, default: "'red'" }) },
      { kind: 'dropColumn', table: 'tags', column: column('color', 'string', { length: 7, default: "'red'" }) },
      { kind: 'dropTable', table: created },
    ] as const;
    expect(applyOperations(live, ops)).toEqual(live);
  });

  it('refuses an operation on something the schema does not have, with a SchemaError', () => {
    expect(() => applyOperation(live, { kind: 'addColumn', table: 'nope', column: id })).toThrow(SchemaError);
    expect(() => applyOperation(live, { kind: 'addColumn', table: 'users', column: id })).toThrow('The schema already has a column id on table users.');
    expect(() => applyOperation(live, { kind: 'dropIndex', table: 'users', index: { name: 'missing', columns: ['x'], unique: false } })).toThrow(
      'The schema has no index missing on table users.',
    );
    expect(applyOperation(live, { kind: 'raw', sql: 'select 1' })).toBe(live);
  });
});

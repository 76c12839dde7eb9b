import { applyOperations, diffSchemas, TableSchema } from '../../../../src';
import { column, foreignKey, id, schema, table } from './schema-fixtures';

const users = table('users', [id, column('email', 'string', { length: 100 }), column('nick', 'string', { length: 20, nullable: true })], {
  indexes: [{ name: 'users_email_index', columns: ['email'], unique: false }],
});
const posts = table('posts', [id, column('user_id', 'int'), column('title', 'text')], {
  foreignKeys: [foreignKey('posts_user_id_foreign', ['user_id'], 'users', { onDelete: 'cascade' })],
});

describe('diffSchemas', () => {
  it('finds nothing between equal schemas, whatever the native spelling of a portable type', () => {
    const live = schema(table('users', [id, column('email', 'string', { length: 100, nativeType: 'character varying(100)' }), users.columns[2]], { indexes: users.indexes }), posts);
    expect(diffSchemas(schema(users, posts), live)).toEqual([]);
  });

  it('creates tables before the foreign keys between them, so creation order and cycles do not matter', () => {
    const ops = diffSchemas(schema(users, posts), schema());
    expect(ops.map((op) => op.kind)).toEqual(['createTable', 'createTable', 'addForeignKey']);
    expect(ops[0]).toEqual({ kind: 'createTable', table: TableSchema.create({ ...posts, foreignKeys: [] }) });
    expect(ops[2]).toEqual({ kind: 'addForeignKey', table: 'posts', foreignKey: posts.foreignKeys[0] });
  });

  it('orders renames, then drops of keys and indexes, then columns, then new indexes and keys, then dropped tables', () => {
    const target = schema(
      table('users', [id, column('email', 'text'), column('nickname', 'string', { length: 20, nullable: true }), column('age', 'int', { default: '0' })], {
        indexes: [{ name: 'users_age_index', columns: ['age'], unique: false }],
      }),
      table('posts', [id, column('user_id', 'int')], { foreignKeys: [foreignKey('posts_user_id_foreign', ['user_id'], 'users')] }),
    );
    const live = schema(users, posts, table('legacy', [id]));
    const ops = diffSchemas(target, live, { dropTables: true, renamedColumns: [{ table: 'users', from: 'nick', to: 'nickname' }] });

    expect(ops.map((op) => `${op.kind} ${'table' in op ? (typeof op.table === 'string' ? op.table : op.table.name) : ''}`)).toEqual([
      'renameColumn users',
      'dropForeignKey posts',
      'dropIndex users',
      'alterColumn users',
      'addColumn users',
      'dropColumn posts',
      'createIndex users',
      'addForeignKey posts',
      'dropTable legacy',
    ]);
    // Applying them reaches the target.
    expect(applyOperations(live, ops)).toEqual(target);
  });

  it('a renamedFrom whose old column is gone (already renamed) is no rename', () => {
    const renamed = table('users', [id, column('email', 'string', { length: 100 }), column('nickname', 'string', { length: 20, nullable: true })], { indexes: users.indexes });
    expect(diffSchemas(schema(renamed), schema(renamed), { renamedColumns: [{ table: 'users', from: 'nick', to: 'nickname' }] })).toEqual([]);
    const ops = diffSchemas(schema(renamed), schema(users));
    expect(ops.map((op) => op.kind)).toEqual(['addColumn', 'dropColumn']);
  });

  it('leaves tables the target does not have alone unless told to drop them', () => {
    expect(diffSchemas(schema(users), schema(users, table('other', [id])))).toEqual([]);
  });

  it('drops and adds back a foreign key over a column whose type changes (MySQL refuses to alter it in place)', () => {
    const target = schema(users, table('posts', [id, column('user_id', 'bigint'), column('title', 'text')], { foreignKeys: posts.foreignKeys }));
    expect(diffSchemas(target, schema(users, posts)).map((op) => op.kind)).toEqual(['dropForeignKey', 'alterColumn', 'addForeignKey']);
  });

  it('compares items, of a native enum and of the CHECK of a text enum alike', () => {
    const withItems = (type: 'enum' | 'text', items: string[] | undefined) => schema(table('t', [id, column('mood', type, { items })]));
    expect(diffSchemas(withItems('text', ['a', 'b']), withItems('text', ['a', 'b']))).toEqual([]);
    expect(diffSchemas(withItems('text', ['a', 'b']), withItems('text', ['a'])).map((op) => op.kind)).toEqual(['alterColumn']);
    expect(diffSchemas(withItems('enum', ['a', 'b']), withItems('enum', ['a'])).map((op) => op.kind)).toEqual(['alterColumn']);
  });
});

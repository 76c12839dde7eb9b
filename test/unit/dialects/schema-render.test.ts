import { mysqlDialect } from '../../../src/dialects/mysql';
import { postgresDialect } from '../../../src/dialects/postgres';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import { column, foreignKey, id, schema, table } from '../sql/schema-model/schema-fixtures';

const users = table('users', [id, column('name', 'string', { length: 50, nullable: true })], {
  primaryKey: { columns: ['id'] },
  indexes: [{ name: 'users_name_index', columns: ['name'], unique: false }],
});
const posts = table('posts', [id, column('user_id', 'int')], { primaryKey: { columns: ['id'] }, foreignKeys: [foreignKey('posts_user_fk', ['user_id'], 'users')] });
const live = schema(users, posts);
const required = { kind: 'alterColumn', table: 'users', from: users.columns[1], to: column('name', 'text', { default: "'anon'" }) } as const;

describe('render: a column made NOT NULL with a default and a new type', () => {
  it('postgres alters it in place, the default set after the type', () => {
    expect(postgresDialect.schema.render([required], live)).toEqual([
      {
        sql:
          'alter table "users" alter column "name" type text using "name"::text, alter column "name" set default \'anon\', ' +
          'alter column "name" set not null',
      },
    ]);
  });

  it('mysql modifies the whole column', () => {
    expect(mysqlDialect.schema.render([required], live)).toEqual([{ sql: "alter table `users` modify column `name` text not null default ('anon')" }]);
  });

  it('sqlite rebuilds the table with foreign keys off, fills NULLs with the default, and checks the keys before commit', () => {
    expect(sqliteDialect.schema.render([required], live)).toEqual([
      { sql: 'pragma foreign_keys = off', outsideTransaction: true },
      { sql: `create table "__tessera_new_users" ("id" integer not null primary key autoincrement, "name" text not null default 'anon')` },
      { sql: `insert into "__tessera_new_users" ("id", "name") select "id", coalesce("name", 'anon') from "users"` },
      { sql: 'drop table "users"' },
      { sql: 'alter table "__tessera_new_users" rename to "users"' },
      { sql: 'create index "users_name_index" on "users" ("name")' },
      { sql: 'create temp table if not exists tessera_foreign_key_check (foreign_key_violations integer check (foreign_key_violations = 0))' },
      { sql: 'insert into temp.tessera_foreign_key_check select count(*) from pragma_foreign_key_check' },
      { sql: 'pragma foreign_keys = on', outsideTransaction: true, always: true },
    ]);
  });

  it('sqlite adds a nullable column in place, and rebuilds once for several changes to one table', () => {
    const add = { kind: 'addColumn', table: 'users', column: column('bio', 'text', { nullable: true }) } as const;
    expect(sqliteDialect.schema.render([add], live)).toEqual([{ sql: 'alter table "users" add column "bio" text' }]);
    const drop = { kind: 'dropColumn', table: 'users', column: users.columns[1] } as const;
    const creates = sqliteDialect.schema.render([required, add, drop], live).filter((s) => s.sql.startsWith('create table'));
    expect(creates.map((s) => s.sql)).toEqual(['create table "__tessera_new_users" ("id" integer not null primary key autoincrement, "bio" text)']);
  });
});

describe('render: keys and indexes in each dialect', () => {
  const dropKey = { kind: 'dropForeignKey', table: 'posts', foreignKey: posts.foreignKeys[0] } as const;
  const dropIndex = { kind: 'dropIndex', table: 'users', index: users.indexes[0] } as const;

  it('mysql drops a foreign key as such and an index on its table', () => {
    expect(mysqlDialect.schema.render([dropKey, dropIndex], live).map((s) => s.sql)).toEqual([
      'alter table `posts` drop foreign key `posts_user_fk`',
      'drop index `users_name_index` on `users`',
    ]);
  });

  it('postgres drops the constraint and the index by name', () => {
    expect(postgresDialect.schema.render([dropKey, dropIndex], live).map((s) => s.sql)).toEqual([
      'alter table "posts" drop constraint "posts_user_fk"',
      'drop index "users_name_index"',
    ]);
  });

  it('an operation on a table the schema does not have is refused before any SQL is written', () => {
    expect(() => postgresDialect.schema.render([{ kind: 'dropIndex', table: 'nope', index: users.indexes[0] }], live)).toThrow('The schema has no table nope.');
  });
});

describe('render: enum types', () => {
  const mood = { name: 'mood', values: ['happy', "it's ok"] };

  it('postgres creates, extends and drops an enum type; a column of that type is written with its name', () => {
    const withType = { kind: 'addColumn', table: 'users', column: column('mood', 'enum', { nativeType: 'mood', items: mood.values, nullable: true }) } as const;
    expect(
      postgresDialect.schema.render(
        [{ kind: 'createEnum', enum: mood }, withType, { kind: 'alterEnum', from: mood, to: { name: 'mood', values: [...mood.values, 'sad'] } }],
        live,
      ).map((s) => s.sql),
    ).toEqual([
      `create type "mood" as enum ('happy', 'it''s ok')`,
      'alter table "users" add column "mood" "mood"',
      `alter type "mood" add value if not exists 'sad'`,
    ]);
    expect(postgresDialect.schema.render([{ kind: 'dropEnum', enum: mood }], { ...live, enums: [mood] })).toEqual([{ sql: 'drop type "mood"' }]);
  });

  it('a portable enum column is text with a CHECK on postgres and sqlite, a native ENUM on mysql; enum types render nothing there', () => {
    const add = { kind: 'addColumn', table: 'users', column: column('mood', 'enum', { nativeType: 'enum', items: ['a', 'b'], nullable: true }) } as const;
    expect(postgresDialect.schema.render([add], live)[0].sql).toBe(`alter table "users" add column "mood" text check ("mood" in ('a', 'b'))`);
    expect(sqliteDialect.schema.render([add], live)[0].sql).toBe(`alter table "users" add column "mood" text check ("mood" in ('a', 'b'))`);
    expect(mysqlDialect.schema.render([add], live)[0].sql).toBe("alter table `users` add column `mood` enum('a', 'b')");
    expect(mysqlDialect.schema.render([{ kind: 'createEnum', enum: mood }], live)).toEqual([]);
  });
});

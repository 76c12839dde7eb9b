import { DatabaseSchema, Migration, MigrationError, TableSchema } from '../../../src';
import { ColumnSchema } from '../../../src/sql/schema-model/column-schema';
import { ForeignKeySchema } from '../../../src/sql/schema-model/foreign-key-schema';
import { IndexSchema } from '../../../src/sql/schema-model/index-schema';
import { EnumTypeSchema } from '../../../src/sql/schema-model/enum-type-schema';

const id = ColumnSchema.create({ name: 'id', nativeType: 'integer', type: 'int', nullable: false, identity: true });
const age = ColumnSchema.create({ name: 'age', nativeType: 'integer', type: 'int', nullable: true, default: '0', identity: false });
const teamId = ColumnSchema.create({ name: 'team_id', nativeType: 'integer', type: 'int', nullable: true, identity: false });
const byAge = IndexSchema.create('users_age_index', ['age'], false);
const toTeam = ForeignKeySchema.create({ name: 'users_team_id_foreign', columns: ['team_id'], referencedTable: 'teams', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'no action' });
const users = TableSchema.create({ name: 'users', columns: [id, age, teamId], uniqueConstraints: [], indexes: [byAge], foreignKeys: [toTeam] });
const live = DatabaseSchema.create([users], [EnumTypeSchema.create('mood', ['happy'])]);


/** Gives tests the protected builder and `sql` of a migration. */
class Exposed extends Migration {
  constructor(private readonly body: (schema: Exposed['schema'], sql: Exposed['sql']) => void) {
    super();
  }
  up() {
    this.body(this.schema, this.sql.bind(this) as Exposed['sql']);
  }
  down() {}
}
const record = (body: (schema: Exposed['schema'], sql: Exposed['sql']) => void) => new Exposed(body).record('up', live, 'Exposed');

describe('createTable', () => {
  test('records the table with its columns, key, constraints, indexes and foreign keys', async () => {
    const ops = await record((schema) =>
      schema.createTable('posts', (t) => {
        t.increments('id');
        t.string('email', 120).unique();
        t.integer('age').nullable().defaultTo(0);
        t.decimal('price', 12, 2).defaultTo('10.50');
        t.boolean('published').defaultTo(false);
        t.text('title').defaultTo("it's");
        t.timestamp('created_at', 3).defaultRaw('CURRENT_TIMESTAMP');
        t.enum('mood', ['happy', 'sad'], { enumName: 'mood' }).defaultTo('sad');
        t.integer('author_id').references('users', 'id', { onDelete: 'cascade' }).index();
        t.specific('location', 'point').nullable();
        t.index(['title', 'age'], { unique: true, name: 'posts_title_age' });
      }),
    );
    expect(ops).toEqual([
      {
        kind: 'createTable',
        table: {
          name: 'posts',
          columns: [
            { name: 'id', nativeType: 'int', type: 'int', nullable: false, identity: true },
            { name: 'email', nativeType: 'string', type: 'string', length: 120, nullable: false, identity: false },
            { name: 'age', nativeType: 'int', type: 'int', nullable: true, default: '0', identity: false },
            { name: 'price', nativeType: 'decimal', type: 'decimal', precision: 12, scale: 2, nullable: false, default: '10.5', identity: false },
            { name: 'published', nativeType: 'boolean', type: 'boolean', nullable: false, default: 'false', identity: false },
            { name: 'title', nativeType: 'text', type: 'text', nullable: false, default: "'it''s'", identity: false },
            { name: 'created_at', nativeType: 'timestamp', type: 'timestamp', precision: 3, nullable: false, default: 'current_timestamp', identity: false },
            { name: 'mood', nativeType: 'mood', type: 'enum', nullable: false, default: "'sad'", identity: false, items: ['happy', 'sad'] },
            { name: 'author_id', nativeType: 'int', type: 'int', nullable: false, identity: false },
            { name: 'location', nativeType: 'point', type: undefined, nullable: true, identity: false },
          ],
          primaryKey: { name: undefined, columns: ['id'] },
          uniqueConstraints: [{ name: 'posts_email_unique', columns: ['email'] }],
          indexes: [
            { name: 'posts_author_id_index', columns: ['author_id'], unique: false },
            { name: 'posts_title_age', columns: ['title', 'age'], unique: true },
          ],
          foreignKeys: [
            { name: 'posts_author_id_foreign', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
          ],
        },
      },
    ]);
  });

  test('a composite primary key and a composite foreign key', async () => {
    const [op] = await record((schema) =>
      schema.createTable('user_tags', (t) => {
        t.integer('user_id');
        t.integer('tag_id');
        t.primary(['user_id', 'tag_id']);
        t.unique(['tag_id', 'user_id'], 'user_tags_reverse');
        t.foreign(['user_id'], 'users', ['id'], { name: 'user_tags_user', onDelete: 'cascade', onUpdate: 'cascade' });
      }),
    );
    if (op.kind !== 'createTable') throw new Error(op.kind);
    expect(op.table.primaryKey).toEqual({ name: undefined, columns: ['user_id', 'tag_id'] });
    expect(op.table.uniqueConstraints).toEqual([{ name: 'user_tags_reverse', columns: ['tag_id', 'user_id'] }]);
    expect(op.table.foreignKeys).toEqual([
      { name: 'user_tags_user', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'cascade' },
    ]);
  });
});

describe('changes to an existing table carry what they remove', () => {
  test('alterTable records each call in order, a new column followed by its own constraints', async () => {
    const ops = await record((schema) =>
      schema.alterTable('users', (t) => {
        t.string('nickname', 40).nullable().unique();
        t.renameColumn('age', 'years');
        t.bigInteger('team_id').alter();
        t.dropIndex('users_age_index');
        t.dropForeign(['team_id']);
        t.dropColumn('years');
        t.index(['nickname']);
      }),
    );
    const nickname = { name: 'nickname', nativeType: 'string', type: 'string', length: 40, nullable: true, identity: false };
    expect(ops).toEqual([
      { kind: 'addColumn', table: 'users', column: nickname },
      { kind: 'addUnique', table: 'users', unique: { name: 'users_nickname_unique', columns: ['nickname'] } },
      { kind: 'renameColumn', table: 'users', from: 'age', to: 'years' },
      { kind: 'alterColumn', table: 'users', from: teamId, to: { name: 'team_id', nativeType: 'bigint', type: 'bigint', nullable: false, identity: false } },
      { kind: 'dropIndex', table: 'users', index: { ...byAge, columns: ['years'] } },
      { kind: 'dropForeignKey', table: 'users', foreignKey: toTeam },
      // Each call sees the table as the calls before leave it: the renamed column is dropped by its new name.
      { kind: 'dropColumn', table: 'users', column: { ...age, name: 'years' } },
      { kind: 'createIndex', table: 'users', index: { name: 'users_nickname_index', columns: ['nickname'], unique: false } },
    ]);
  });

  test('the one-call forms record the same operations, each call seeing the schema the calls before leave', async () => {
    const ops = await record((schema) => {
      schema.addColumn('users', (t) => t.integer('score').defaultTo(1));
      schema.alterColumn('users', (t) => t.bigInteger('age').nullable());
      schema.createIndex('users', ['age', 'id']);
      schema.dropIndex('users', 'users_age_index');
      schema.addUnique('users', ['team_id']);
      schema.dropForeignKey('users', 'users_team_id_foreign');
      schema.addForeignKey('users', ['team_id'], 'teams', ['id'], { onDelete: 'restrict' });
      schema.renameColumn('users', 'age', 'years');
      schema.dropColumn('users', 'score');
      schema.renameTable('users', 'people');
      schema.dropColumn('people', 'years');
      schema.createTable('teams', (t) => t.increments('id'));
      schema.dropTable('teams');
    });
    expect(ops.map((op) => op.kind)).toEqual([
      'addColumn',
      'alterColumn',
      'createIndex',
      'dropIndex',
      'addUnique',
      'dropForeignKey',
      'addForeignKey',
      'renameColumn',
      'dropColumn',
      'renameTable',
      'dropColumn',
      'createTable',
      'dropTable',
    ]);
    const bigAge = { name: 'age', nativeType: 'bigint', type: 'bigint', nullable: true, identity: false };
    expect(ops[1]).toEqual({ kind: 'alterColumn', table: 'users', from: age, to: bigAge });
    expect(ops[2]).toEqual({ kind: 'createIndex', table: 'users', index: { name: 'users_age_id_index', columns: ['age', 'id'], unique: false } });
    expect(ops[5]).toEqual({ kind: 'dropForeignKey', table: 'users', foreignKey: toTeam });
    expect(ops[6]).toMatchObject({ foreignKey: { name: 'users_team_id_foreign', onDelete: 'restrict', onUpdate: 'no action' } });
    expect(ops[8]).toEqual({ kind: 'dropColumn', table: 'users', column: { name: 'score', nativeType: 'int', type: 'int', nullable: false, default: '1', identity: false } });
    // The column dropped after two renames is the altered one, under its new name.
    expect(ops[10]).toEqual({ kind: 'dropColumn', table: 'people', column: { ...bigAge, name: 'years' } });
    expect(ops[12]).toEqual({ kind: 'dropTable', table: (ops[11] as { table: unknown }).table });
  });

  test('enum types', async () => {
    const ops = await record((schema) => {
      schema.createEnum('color', ['red']);
      schema.alterEnum('mood', ['happy', 'sad']);
      schema.dropEnum('mood');
    });
    expect(ops).toEqual([
      { kind: 'createEnum', enum: { name: 'color', values: ['red'] } },
      { kind: 'alterEnum', from: { name: 'mood', values: ['happy'] }, to: { name: 'mood', values: ['happy', 'sad'] } },
      { kind: 'dropEnum', enum: { name: 'mood', values: ['happy', 'sad'] } },
    ]);
  });

  test.each<[string, (schema: Exposed['schema']) => void, RegExp]>([
    ['a table', (s) => s.dropTable('nope'), /no table nope/],
    ['a column', (s) => s.dropColumn('users', 'nope'), /no column nope in table users/],
    ['a column of a table that is not there', (s) => s.alterColumn('nope', (t) => t.integer('x')), /no column x in table nope/],
    ['an index', (s) => s.dropIndex('users', 'nope'), /no index nope in table users/],
    ['a foreign key', (s) => s.dropForeignKey('users', ['age']), /no foreign key on \(age\) in table users/],
    ['a unique constraint', (s) => s.dropUnique('users', 'nope'), /no unique constraint nope/],
    ['an enum type', (s) => s.dropEnum('nope'), /no enum type nope/],
  ])('dropping or altering %s that does not exist is a MigrationError', async (_what, body, message) => {
    const error = await record(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toMatch(message);
  });
});

describe('raw SQL', () => {
  test('this.sql(up, down) and the tagged template record raw operations', async () => {
    const view = 'adults';
    const ops = await record((_schema, sql) => {
      sql('create view adults as select * from users where age >= 18', 'drop view adults');
      sql`drop view ${view}`;
    });
    expect(ops).toEqual([
      { kind: 'raw', sql: 'create view adults as select * from users where age >= 18', down: 'drop view adults' },
      { kind: 'raw', sql: 'drop view adults' },
    ]);
  });
});

describe('Migration', () => {
  test('down() records against the schema it is given; an irreversible one says why', async () => {
    class WithDown extends Migration {
      up() {
        this.schema.addColumn('users', (t) => t.integer('score'));
      }
      down() {
        this.schema.dropColumn('users', 'age');
      }
    }
    class UpOnly extends Migration {
      up() {}
      down() {
        this.irreversible('the old prices were not kept');
      }
    }
    expect(await new WithDown().record('down', live, 'WithDown')).toEqual([{ kind: 'dropColumn', table: 'users', column: age }]);
    await expect(new UpOnly().record('down', live, 'UpOnly')).rejects.toThrow('Migration UpOnly cannot be reverted: the old prices were not kept');
  });

  test('an error thrown by up() becomes a MigrationError naming the migration', async () => {
    class Broken extends Migration {
      up() {
        throw new Error('boom');
      }
      down() {}
    }
    const error = (await new Broken().record('up', live, 'Broken').catch((e: unknown) => e)) as MigrationError;
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.migration).toBe('Broken');
    expect(error.message).toContain('boom');
  });
});

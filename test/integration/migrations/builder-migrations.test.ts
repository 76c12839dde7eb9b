import { DatabaseSchema, Migration, MigrationError, Orm, type MigrationClass } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { MigLog } from '../../support/migration-fixtures';

class Migration20260201000000_teams_and_players extends Migration {
  up(): void {
    this.schema.createTable('mig_teams', (t) => {
      t.increments('id');
      t.string('name', 80).unique();
    });
    this.schema.createTable('mig_players', (t) => {
      t.increments('id');
      t.string('nick', 40);
      t.integer('team_id').references('mig_teams', 'id', { onDelete: 'cascade' }).index();
      t.integer('legacy').nullable();
    });
  }
  down(): void {
    this.schema.dropTable('mig_players');
    this.schema.dropTable('mig_teams');
  }
}

class Migration20260202000000_evolve_players extends Migration {
  up(): void {
    this.schema.alterTable('mig_players', (t) => {
      t.integer('score').defaultTo(10);
      t.renameColumn('nick', 'handle');
      t.dropColumn('legacy');
    });
  }
  down(): void {
    this.schema.alterTable('mig_players', (t) => {
      t.integer('legacy').nullable();
      t.renameColumn('handle', 'nick');
      t.dropColumn('score');
    });
  }
}

/** An index on an existing table (built concurrently, outside the transaction, on PostgreSQL), then a failure. */
class Migration20260203000000_broken extends Migration {
  up(): void {
    this.schema.createIndex('mig_log', ['name'], { name: 'mig_log_name_index' });
    this.sql('insert into mig_no_such_table (id) values (1)');
  }
  down(): void {
    this.schema.dropIndex('mig_log', 'mig_log_name_index');
  }
}

class Migration20260204000000_drop_legacy extends Migration {
  up(): void {
    this.schema.dropColumn('mig_players', 'legacy');
  }
  down(): void {
    this.schema.addColumn('mig_players', (t) => t.integer('legacy').nullable());
  }
}

const MIGRATIONS: readonly MigrationClass[] = [Migration20260201000000_teams_and_players, Migration20260202000000_evolve_players];

describeEachDialect([MigLog], (fx) => {
  const opened: Orm[] = [];
  const ormWith = async (list: readonly MigrationClass[]) => {
    const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [MigLog], migrations: { list } });
    orm.on('migration', () => undefined);
    opened.push(orm);
    return orm;
  };
  beforeEach(async () => {
    for (const table of ['mig_players', 'mig_teams', 'tessera_migrations']) await fx.raw.exec(`drop table if exists ${table}`);
  });
  afterEach(async () => {
    for (const orm of opened.splice(0)) await orm.close();
  });

  test('builder migrations run through the dialect: tables, keys and column changes keep the data, and revert', async () => {
    const orm = await ormWith(MIGRATIONS);
    await orm.migrator.up({ to: 'Migration20260201000000_teams_and_players' });
    const players = DatabaseSchema.table(await orm.schema.introspect(), 'mig_players');
    expect(players?.columns.map((c) => c.name)).toEqual(['id', 'nick', 'team_id', 'legacy']);
    expect(players?.foreignKeys.map((k) => ({ columns: k.columns, to: k.referencedTable, onDelete: k.onDelete }))).toEqual([
      { columns: ['team_id'], to: 'mig_teams', onDelete: 'cascade' },
    ]);
    expect(players?.indexes.map((i) => i.name)).toContain('mig_players_team_id_index');
    await fx.raw.exec("insert into mig_teams (name) values ('red')");
    await fx.raw.exec("insert into mig_players (nick, team_id, legacy) values ('ann', 1, 7)");

    await orm.migrator.up();
    expect((await fx.raw.rows('mig_players')).map((r) => ({ ...r, id: Number(r.id), team_id: Number(r.team_id), score: Number(r.score) }))).toEqual([
      { id: 1, handle: 'ann', team_id: 1, score: 10 },
    ]);
    // The foreign key still holds (SQLite rebuilt the table with foreign keys off, and turned them back on).
    await fx.raw.exec('delete from mig_teams');
    expect(await fx.raw.count('mig_players')).toBe(0);
    await fx.raw.exec("insert into mig_teams (name) values ('blue')");
    // A raw driver's error may come from another module registry's Error class, which toThrow does not know.
    await expect(fx.raw.exec("insert into mig_players (handle, team_id) values ('bob', 999)")).rejects.toMatchObject({
      message: expect.stringMatching(/foreign key/i),
    });

    expect(await orm.migrator.down()).toEqual(['Migration20260202000000_evolve_players']);
    expect(DatabaseSchema.table(await orm.schema.introspect(), 'mig_players')?.columns.map((c) => c.name)).toEqual(['id', 'nick', 'team_id', 'legacy']);
    expect(await orm.migrator.reset()).toEqual(['Migration20260201000000_teams_and_players']);
    expect((await orm.schema.listTables()).filter((t) => t === 'mig_players' || t === 'mig_teams')).toEqual([]);
  });

  test('a failure after a statement that ran outside the transaction says what stayed applied', async () => {
    const orm = await ormWith([Migration20260203000000_broken]);
    const error = (await orm.migrator.up().catch((e: unknown) => e)) as MigrationError;
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.statement).toBe('insert into mig_no_such_table (id) values (1)');
    const indexes = DatabaseSchema.table(await orm.schema.introspect(), 'mig_log')?.indexes.map((i) => i.name);
    if (fx.dialect === 'postgres') {
      expect(error.message).toMatch(/but these statements had run outside it and stayed applied:\n {2}create index concurrently "mig_log_name_index"/);
      expect(indexes).toEqual(['mig_log_name_index']);
    } else if (fx.dialect === 'sqlite') {
      expect(error.message).toContain('Its transaction was rolled back: the schema and the migrations table are as they were before it.');
      expect(indexes).toEqual([]);
    } else {
      expect(error.message).toContain('the statements before this one stayed applied');
      expect(indexes).toEqual(['mig_log_name_index']);
    }
    expect((await orm.migrator.status()).pending).toEqual(['Migration20260203000000_broken']);
  });

  if (fx.dialect === 'sqlite') {
    test('a SQLite rebuild that breaks a foreign key rolls back and turns foreign keys back on', async () => {
      const orm = await ormWith([Migration20260201000000_teams_and_players, Migration20260204000000_drop_legacy]);
      await orm.migrator.up({ to: 'Migration20260201000000_teams_and_players' });
      // An orphan written with the keys off: the rebuild's foreign key check finds it.
      await fx.raw.exec("pragma foreign_keys = off; insert into mig_players (nick, team_id) values ('orphan', 404); pragma foreign_keys = on;");

      const error = (await orm.migrator.up().catch((e: unknown) => e)) as MigrationError;
      expect(error).toBeInstanceOf(MigrationError);
      expect(error.migration).toBe('Migration20260204000000_drop_legacy');
      expect(error.statement).toMatch(/pragma_foreign_key_check/);
      expect(DatabaseSchema.table(await orm.schema.introspect(), 'mig_players')?.columns.map((c) => c.name)).toContain('legacy');
      // The ORM's connection enforces foreign keys again.
      await expect(orm.em.fork().sql`insert into mig_players (nick, team_id) values ('x', 12345)`).rejects.toMatchObject({
        name: 'ForeignKeyConstraintViolationError',
      });
    });
  }
});

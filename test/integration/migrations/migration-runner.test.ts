import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Migration, MigrationError, Orm, type MigrationClass, type MigrationEvent, type QueryEvent } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { MIGRATION_TABLES, MigLog, RAW_MIGRATIONS, SLOW_MIGRATIONS } from '../../support/migration-fixtures';

const [AGE, USERS, POSTS] = RAW_MIGRATIONS.map((m) => m.name);

class Migration20260104000000_broken extends Migration {
  up() {
    this.sql('create table mig_broken (id int primary key)');
    this.sql("insert into mig_log (name) values ('broken')");
    this.sql('insert into mig_no_such_table (id) values (1)');
  }
  down() {
    this.sql('drop table mig_broken');
  }
}

describeEachDialect([MigLog], (fx) => {
  const opened: Orm[] = [];
  /** A second Orm on the suite's database, with its own migrations. */
  const ormWith = async (list: readonly MigrationClass[]) => {
    const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [MigLog], migrations: { list } });
    opened.push(orm);
    // A listener keeps the MySQL warning off stderr (the tests that check it add their own).
    orm.on('migration', () => undefined);
    return orm;
  };
  // Only this suite's tables: other suites share the worker's database.
  const tables = async () => (await fx.orm.schema.listTables()).filter((t) => t.startsWith('mig_') && (t === 'mig_log' || MIGRATION_TABLES.includes(t)));
  const log = async () => (await fx.raw.rows('mig_log')).map((r) => String(r.name)).sort();
  const migrations = async () => (await fx.raw.rows('tessera_migrations')).map((r) => r.name);

  beforeEach(async () => {
    for (const table of MIGRATION_TABLES) await fx.raw.exec(`drop table if exists ${table}`);
  });
  afterEach(async () => {
    for (const orm of opened.splice(0)) await orm.close();
  });

  test('up runs every pending migration in name order, once; status tells executed from pending', async () => {
    const orm = await ormWith(RAW_MIGRATIONS);
    expect(await orm.migrator.status()).toEqual({ executed: [], pending: [USERS, POSTS, AGE] });
    // Asking changes nothing: the first run creates the migrations table.
    expect(await fx.orm.schema.listTables()).not.toContain('tessera_migrations');

    const before = Date.now();
    expect(await orm.migrator.up()).toEqual([USERS, POSTS, AGE]);
    expect(await tables()).toEqual(['mig_log', 'mig_posts', 'mig_users']);
    expect(await log()).toEqual(['posts', 'user_age', 'users']);
    expect(await migrations()).toEqual([USERS, POSTS, AGE]);

    const status = await orm.migrator.status();
    expect(status.pending).toEqual([]);
    expect(status.executed.map((e) => e.name)).toEqual([USERS, POSTS, AGE]);
    for (const { executedAt } of status.executed) {
      expect(executedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(executedAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expect(await orm.migrator.up()).toEqual([]);
  });

  test('up to a migration, then down by steps, down to a migration, reset and redo', async () => {
    const orm = await ormWith(RAW_MIGRATIONS);
    expect(await orm.migrator.up({ to: POSTS })).toEqual([USERS, POSTS]);
    expect((await orm.migrator.status()).pending).toEqual([AGE]);
    expect(await orm.migrator.up()).toEqual([AGE]);

    expect(await orm.migrator.down()).toEqual([AGE]);
    expect(await log()).toEqual(['posts', 'users']);
    expect(await orm.migrator.up()).toEqual([AGE]);
    expect(await orm.migrator.down({ step: 2 })).toEqual([AGE, POSTS]);
    expect(await tables()).toEqual(['mig_log', 'mig_users']);
    expect(await migrations()).toEqual([USERS]);

    await orm.migrator.up();
    expect(await orm.migrator.down({ to: POSTS })).toEqual([AGE, POSTS]);
    expect(await migrations()).toEqual([USERS]);

    await orm.migrator.up();
    expect(await orm.migrator.redo()).toEqual([AGE]);
    expect(await migrations()).toEqual([USERS, POSTS, AGE]);
    expect(await log()).toEqual(['posts', 'user_age', 'users']);

    expect(await orm.migrator.reset()).toEqual([AGE, POSTS, USERS]);
    expect(await tables()).toEqual(['mig_log']);
    expect(await migrations()).toEqual([]);
    expect(await orm.migrator.down()).toEqual([]);
  });

  test('an unknown name, or a run migration whose class is gone, is a MigrationError before any change', async () => {
    const orm = await ormWith(RAW_MIGRATIONS);
    await expect(orm.migrator.up({ to: 'Migration_nope' })).rejects.toThrow(MigrationError);
    await orm.migrator.up();
    await expect(orm.migrator.down({ to: 'Migration_nope' })).rejects.toThrow(/no migration named Migration_nope/);

    const forgetful = await ormWith(RAW_MIGRATIONS.filter((m) => m.name !== AGE));
    await expect(forgetful.migrator.down()).rejects.toThrow(`The migrations table lists ${AGE}, but no such migration was found`);
    expect(await migrations()).toEqual([USERS, POSTS, AGE]);
  });

  test('a failed migration names itself and its statement, and leaves the migrations table consistent', async () => {
    const orm = await ormWith([...RAW_MIGRATIONS, Migration20260104000000_broken]);
    const events: MigrationEvent[] = [];
    orm.on('migration', (e) => events.push(e));

    const error = await orm.migrator.up().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    const failure = error as MigrationError;
    expect(failure.migration).toBe('Migration20260104000000_broken');
    expect(failure.statement).toBe('insert into mig_no_such_table (id) values (1)');
    expect(failure.message).toContain('Migration Migration20260104000000_broken (up) failed at the statement:\n  insert into mig_no_such_table (id) values (1)');

    // The migrations before it committed; it is not recorded.
    expect(await migrations()).toEqual([USERS, POSTS, AGE]);
    expect((await orm.migrator.status()).pending).toEqual(['Migration20260104000000_broken']);
    if (fx.orm.dialect.capabilities.transactionalDdl) {
      // Its transaction rolled back: no table, no log row.
      expect(failure.message).toContain('Its transaction was rolled back');
      expect(await tables()).toEqual(['mig_log', 'mig_posts', 'mig_users']);
      expect(await log()).toEqual(['posts', 'user_age', 'users']);
      expect(events.filter((e) => e.kind === 'warning')).toEqual([]);
    } else {
      // MySQL commits DDL as it goes: the statements before the failure stayed, and the user was warned.
      expect(failure.message).toContain('the statements before this one stayed applied');
      expect(await tables()).toEqual(['mig_broken', 'mig_log', 'mig_posts', 'mig_users']);
      expect(await log()).toEqual(['broken', 'posts', 'user_age', 'users']);
      expect(events.filter((e) => e.kind === 'warning')).toEqual([
        { kind: 'warning', message: expect.stringContaining('mysql has no transactional DDL') },
      ]);
    }
    expect(events.filter((e) => e.kind === 'done').map((e) => e.kind === 'done' && e.name)).toEqual([USERS, POSTS, AGE]);
  });

  test('with no listener, the MySQL warning goes to the debug logger', async () => {
    const lines: string[] = [];
    const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [MigLog], migrations: { list: RAW_MIGRATIONS }, debug: { logger: (l) => lines.push(l) } });
    opened.push(orm);
    await orm.migrator.up();
    const warnings = lines.filter((l) => l.startsWith('[tessera] warning:'));
    expect(warnings).toEqual(fx.orm.dialect.capabilities.transactionalDdl ? [] : [expect.stringContaining('mysql has no transactional DDL')]);
  });

  test('each migration is one transaction where DDL is transactional, and the lock is held around the run', async () => {
    const orm = await ormWith(RAW_MIGRATIONS.slice(1, 2));
    const sent: QueryEvent[] = [];
    orm.on('query', (q) => sent.push(q));
    await orm.migrator.up();
    const verbs = sent.map((q) => q.sql.split(' ').slice(0, 2).join(' ').toLowerCase());
    const lock = {
      sqlite: [],
      postgres: ['select pg_try_advisory_lock(hashtext($1)) as acquired', 'select pg_advisory_unlock(hashtext($1)) as released'],
      mariadb: [
        "select get_lock(concat('tessera:', sha1(concat(database(), '.', ?))), 0) as acquired",
        "select release_lock(concat('tessera:', sha1(concat(database(), '.', ?)))) as released",
      ],
    }[fx.dialect];
    const lockStatements = sent.filter((q) => /advisory|get_lock|release_lock/.test(q.sql));
    expect(lockStatements.map((q) => q.sql)).toEqual(lock);
    // The lock is taken before the migrations table is read and released after the last migration.
    if (lock.length > 0) {
      expect(sent[0]).toBe(lockStatements[0]);
      expect(sent[sent.length - 1]).toBe(lockStatements[1]);
    }
    const transactional = fx.orm.dialect.capabilities.transactionalDdl;
    expect(verbs.filter((v) => /^(begin|commit|rollback|start transaction)/.test(v))).toEqual(
      transactional ? [fx.dialect === 'sqlite' ? 'begin immediate' : 'begin', 'commit'] : [],
    );
  });

  // On SQLite the two Orms are two connections to one file: one waits for the other's write lock on timers
  // (issue 10), which used to freeze the process that both run in.
  test('two runners at once, two Orm instances in one process, run every migration exactly once', async () => {
    const [a, b] = [await ormWith(SLOW_MIGRATIONS), await ormWith(SLOW_MIGRATIONS)];
    const [first, second] = await Promise.all([a.migrator.up(), b.migrator.up()]);
    expect([...first, ...second].sort()).toEqual([USERS, POSTS, AGE].sort());
    expect(first.filter((name) => second.includes(name))).toEqual([]);
    expect(await log()).toEqual(['posts', 'user_age', 'users']);
    expect(await migrations()).toEqual([USERS, POSTS, AGE]);
  });

  test('two runners at once, in two processes, run every migration exactly once', async () => {
    const child = () => runChild(fx);
    const [first, second] = await Promise.all([child(), child()]);
    expect([...first, ...second].sort()).toEqual([USERS, POSTS, AGE].sort());
    expect(first.filter((name) => second.includes(name))).toEqual([]);
    expect(await log()).toEqual(['posts', 'user_age', 'users']);
    expect(await migrations()).toEqual([USERS, POSTS, AGE]);
  });
});

/** Runs test/support/migrate-child.ts against the suite's database; resolves with the names it ran. */
function runChild(fx: Fixture): Promise<string[]> {
  const root = resolve(__dirname, '../../..');
  const dialect = fx.dialect === 'mariadb' ? 'mariadb' : fx.dialect;
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['-r', './scripts/register.js', 'test/support/migrate-child.ts', dialect, fx.url], { cwd: root });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', fail);
    proc.on('close', (code) => (code === 0 ? done(JSON.parse(out) as string[]) : fail(new Error(`runner exited with ${code}: ${err}`))));
  });
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationError, Orm } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { MIGRATION_TABLES, MigLog } from '../../support/migration-fixtures';

describeEachDialect([MigLog], (fx) => {
  let folder: string;
  let orm: Orm;
  beforeEach(async () => {
    for (const table of MIGRATION_TABLES) await fx.raw.exec(`drop table if exists ${table}`);
    folder = mkdtempSync(join(tmpdir(), 'tessera-migrations-'));
    orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [MigLog], migrations: { path: folder, tableName: 'tessera_migrations' } });
    // The MySQL warning is the runner suite's subject; a listener keeps it off stderr here.
    orm.on('migration', () => undefined);
  });
  afterEach(async () => {
    await orm.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('create() writes an empty, time-named TypeScript migration that up() then loads from the folder and runs', async () => {
    const created = await orm.migrator.create('backfill prices');
    expect(created.name).toMatch(/^Migration\d{14}_backfill_prices$/);
    expect(created.path).toBe(join(folder, `${created.name}.ts`));
    expect(readFileSync(created.path, 'utf8')).toBe(created.source);
    expect(created.operations).toEqual([]);
    expect(created.warnings).toEqual([]);

    expect(await orm.migrator.status()).toEqual({ executed: [], pending: [created.name] });
    expect(await orm.migrator.up()).toEqual([created.name]);
    expect((await fx.raw.rows('tessera_migrations')).map((r) => r.name)).toEqual([created.name]);

    // Written within the same second, the next one still sorts after it.
    const next = await orm.migrator.create('next');
    expect(next.name > created.name).toBe(true);
    expect((await orm.migrator.status()).pending).toEqual([next.name]);
  });

  test('a .js migration loads beside .ts ones, all in name order', async () => {
    writeFileSync(
      join(folder, 'Migration20260101000000_js.js'),
      `const { Migration } = require('tessera-orm');
exports.Migration20260101000000_js = class extends Migration {
  up() { this.sql("insert into mig_log (name) values ('js')", "delete from mig_log where name = 'js'"); }
  down() { this.sql("delete from mig_log where name = 'js'"); }
};`,
    );
    const created = await orm.migrator.create('later');
    writeFileSync(join(folder, 'README.md'), 'not a migration');
    expect((await orm.migrator.status()).pending).toEqual(['Migration20260101000000_js', created.name]);
    await orm.migrator.up();
    expect((await fx.raw.rows('mig_log')).map((r) => r.name)).toEqual(['js']);
    expect(await orm.migrator.reset()).toEqual([created.name, 'Migration20260101000000_js']);
    expect(await fx.raw.count('mig_log')).toBe(0);
  });

  test('a file that exports no Migration class is a MigrationError naming the file', async () => {
    const file = join(folder, 'Migration20260101000000_bad.js');
    writeFileSync(file, 'exports.notAMigration = 42;');
    const error = await orm.migrator.up().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toBe(`${file} is not a migration: it must export one Migration class (it exports 0)`);
  });

  test('writing a migration needs a folder', async () => {
    const listOnly = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [MigLog], migrations: { list: [] } });
    try {
      await expect(listOnly.migrator.create('x')).rejects.toThrow('No migrations folder is configured');
    } finally {
      await listOnly.close();
    }
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { CliProject, LIBRARY_ENTITIES_V2, LIBRARY_FILES } from '../support/cli-project';
import { freshDatabase } from '../support/fresh-database';
import { openRawClient, type RawClient } from '../support/raw-client';
import { selectedDialects } from '../support/test-databases';

const CONFIG = LIBRARY_FILES['tessera.config.ts'].replace("seeders:", "migrations: { path: 'migrations' }, seeders:");
const MIGRATION = /^Migration\d{14}_/;

/**
 * The migration commands as a user runs them in a project (TypeScript config, entities and generated migrations),
 * on an empty database of each dialect: generate, up, check, status, down, redo, reset, create.
 */
describe.each(selectedDialects())('%s', (dialect) => {
  const project = new CliProject().write({ ...LIBRARY_FILES, 'tessera.config.ts': CONFIG });
  let env: Record<string, string>;
  let raw: RawClient;
  const files = () => (existsSync(project.path('migrations')) ? readdirSync(project.path('migrations')).sort() : []);
  const columns = async () => Object.keys((await raw.rows('cli_author'))[0]).sort();
  // MySQL commits DDL implicitly: the runner warns once per run that a failed migration cannot roll back.
  const runWarning = dialect === 'mariadb' ? /^warning .+\n/ : /^$/;

  beforeAll(async () => {
    const url = await freshDatabase(dialect, 'migrations', project.path('dev.sqlite'));
    env = dialect === 'sqlite' ? {} : { TESSERA_URL: url };
    raw = await openRawClient(dialect, url);
  });

  afterAll(async () => {
    await raw?.close();
    project.remove();
  });

  test('from nothing: check finds drift, generate writes the first migration, up applies it, check agrees', async () => {
    expect(await project.run(['migration:status'], env)).toEqual({ code: 0, stdout: 'No migrations.\n', stderr: '' });

    const drift = await project.run(['migration:check'], env);
    expect(drift).toMatchObject({ code: 1, stdout: '' });
    expect(drift.stderr).toContain('error The entities differ from the migrated database');
    expect(drift.stderr).toContain('  create table cli_author\n');

    const generated = await project.run(['migration:generate', 'create library'], env);
    expect(generated).toMatchObject({ code: 0, stderr: '' });
    const [file] = files();
    expect(file).toMatch(/^Migration\d{14}_create_library\.ts$/);
    expect(generated.stdout.startsWith(`✓ Wrote ${project.path(`migrations/${file}`)}\n  create table cli_author\n  create table cli_book\n`)).toBe(true);
    expect(readFileSync(project.path(`migrations/${file}`), 'utf8')).toContain("createTable('cli_author'");

    const pending = await project.run(['migration:check'], env);
    expect(pending.code).toBe(1);
    expect(pending.stderr).toMatch(/^error 1 migration is pending: run tessera migration:up first \(Migration\d{14}_create_library\)\.\n/);
    expect((await project.run(['db:status'], env)).stdout).toMatch(/^Migrations {2}0 executed, 1 pending: Migration\d{14}_create_library$/m);

    const up = await project.run(['migration:up'], env);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/^↑ Migration\d{14}_create_library \(\d+ statements?, \d+ ms\)\n✓ 1 migration applied\n$/);
    expect(up.stderr).toMatch(runWarning);
    expect(await raw.count('cli_author')).toBe(0);

    expect(await project.run(['migration:check'], env)).toEqual({ code: 0, stdout: '✓ The entities and the migrations agree.\n', stderr: '' });
    expect(await project.run(['migration:generate', 'nothing'], env)).toMatchObject({ code: 0, stdout: 'No changes: the entities and the database agree.\n' });
    expect(files()).toEqual([file]);
    expect((await project.run(['db:status'], env)).stdout).toMatch(/^Migrations {2}1 executed, 0 pending$/m);
  });

  test('an entity change that drops a column: check fails, generate warns, up and down keep the untouched data', async () => {
    await raw.exec("insert into cli_author (name, born) values ('Ada', 1815)");
    project.write({ 'src/entities.ts': LIBRARY_ENTITIES_V2 });
    const drift = await project.run(['migration:check'], env);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain('  add column cli_author.nickname\n');
    expect(drift.stderr).toContain('  drop column cli_author.born\n');

    const generated = await project.run(['migration:generate', 'nickname instead of born'], env);
    expect(generated.code).toBe(0);
    expect(generated.stderr).toMatch(/^warning .*born/m);
    expect(files()).toHaveLength(2);

    const up = await project.run(['migration:up'], env);
    expect(up.stdout).toMatch(/_nickname_instead_of_born \(\d+ statements?, \d+ ms\)\n✓ 1 migration applied\n$/);
    expect(await columns()).toEqual(['id', 'name', 'nickname']);

    const status = await project.run(['migration:status'], env);
    expect(status.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0])).toEqual(['executed', 'executed']);

    const down = await project.run(['migration:down'], env);
    expect(down).toMatchObject({ code: 0 });
    expect(down.stdout).toMatch(/^↓ Migration\d{14}_nickname_instead_of_born \(\d+ statements?, \d+ ms\)\n✓ 1 migration reverted\n$/);
    expect(await columns()).toEqual(['born', 'id', 'name']);
    expect((await raw.rows('cli_author'))[0]).toMatchObject({ name: 'Ada', born: null });
    expect((await project.run(['migration:status'], env)).stdout).toMatch(/^pending {3}Migration\d{14}_nickname_instead_of_born$/m);
  });

  test('--step and --to are checked before anything runs (exit 2)', async () => {
    for (const args of [['--step', '0'], ['--step', 'two'], ['--step', '1', '--to', 'x']]) {
      const result = await project.run(['migration:down', ...args], env);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(/^error migration:down: /);
    }
    expect(await raw.count('cli_author')).toBe(1);
  });

  test('up --to, redo, reset and create', async () => {
    const [first, second] = files().map((f) => f.replace(/\.ts$/, ''));
    expect((await project.run(['migration:up', '--to', first], env)).stdout).toBe('No migrations applied.\n');
    expect((await project.run(['migration:up', '--to', second], env)).stdout).toContain('✓ 1 migration applied');

    const redo = await project.run(['migration:redo'], env);
    expect(redo.code).toBe(0);
    expect(redo.stdout).toMatch(new RegExp(`^↓ ${second} .*\\n↑ ${second} .*\\n✓ 1 migration redone\\n$`));
    expect(await columns()).toEqual(['id', 'name', 'nickname']);

    const reset = await project.run(['migration:reset'], env);
    expect(reset.stdout).toMatch(new RegExp(`^↓ ${second} .*\\n↓ ${first} .*\\n✓ 2 migrations reverted\\n$`));
    await expect(raw.count('cli_author')).rejects.toMatchObject({ message: expect.stringMatching(/cli_author/) });

    const created = await project.run(['migration:create', 'backfill'], env);
    expect(created.code).toBe(0);
    const backfill = files().find((f) => f.endsWith('_backfill.ts'));
    expect(backfill).toMatch(MIGRATION);
    expect(created.stdout).toBe(`✓ Wrote ${project.path(`migrations/${backfill}`)}\n`);
    expect((await project.run(['migration:status'], env)).stdout.trim().split('\n')).toHaveLength(3);
  });

  test('a migration that fails exits 1 naming it and its statement; the ones before it stay applied', async () => {
    project.write({
      'migrations/Migration29990101000000_broken.ts': `
import { Migration } from 'tessera-orm';
export class Migration29990101000000_broken extends Migration {
  up(): void {
    this.sql('insert into no_such_table values (1)', 'delete from no_such_table');
  }
  down(): void {}
}
`,
    });
    const result = await project.run(['migration:up'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/_backfill \(0 statements, \d+ ms\)\n$/);
    expect(result.stderr).toContain('Migration29990101000000_broken');
    expect(result.stderr).toContain('no_such_table');
    const status = (await project.run(['migration:status'], env)).stdout.trim().split('\n');
    expect(status.map((line) => line.split(/\s+/)[0])).toEqual(['executed', 'executed', 'executed', 'pending']);
  });
});

import { CliProject, LIBRARY_ENTITIES_V2, LIBRARY_FILES } from '../support/cli-project';
import { freshDatabase } from '../support/fresh-database';
import { openRawClient, type RawClient } from '../support/raw-client';
import { selectedDialects } from '../support/test-databases';

/** schema:diff and schema:update as a user runs them, on an empty database of each dialect. */
describe.each(selectedDialects())('%s', (dialect) => {
  const project = new CliProject().write(LIBRARY_FILES);
  let env: Record<string, string>;
  let raw: RawClient;

  beforeAll(async () => {
    const url = await freshDatabase(dialect, 'schema', project.path('dev.sqlite'));
    env = dialect === 'sqlite' ? {} : { TESSERA_URL: url };
    raw = await openRawClient(dialect, url);
  });

  afterAll(async () => {
    await raw?.close();
    project.remove();
  });

  test('diff prints the SQL, update applies it, and a second diff finds nothing', async () => {
    const diff = await project.run(['schema:diff'], env);
    expect(diff).toMatchObject({ code: 0, stderr: '' });
    expect(diff.stdout).toMatch(/^create table .cli_author. \(/m);
    expect(diff.stdout).toMatch(/^create table .cli_book. \(/m);
    expect(diff.stdout.trim().split('\n').every((line) => line.endsWith(';'))).toBe(true);
    // By message: the driver's error class may come from another module registry, which toThrow() does not see as an Error.
    await expect(raw.count('cli_author')).rejects.toMatchObject({ message: expect.stringMatching(/cli_author/) });

    const update = await project.run(['schema:update'], env);
    expect(update).toMatchObject({ code: 0, stderr: '' });
    expect(update.stdout).toContain('  create table cli_author\n  create table cli_book\n');
    expect(update.stdout).toMatch(/✓ Applied \d+ schema changes \(\d+ statements, \d+ ms\)\n$/);
    expect(await raw.count('cli_author')).toBe(0);

    expect(await project.run(['schema:diff'], env)).toEqual({ code: 0, stdout: '', stderr: 'The database matches the entities.\n' });
    expect(await project.run(['schema:update'], env)).toEqual({ code: 0, stdout: 'The database already matches the entities.\n', stderr: '' });
  });

  test('a change that drops a column is refused without --force (exit 1, nothing changed), and applied with it', async () => {
    await raw.exec("insert into cli_author (name, born) values ('Ada', 1815)");
    project.write({ 'src/entities.ts': LIBRARY_ENTITIES_V2 });

    const refused = await project.run(['schema:update'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'error schema:update would lose data, so nothing was changed:\n' +
        '  - drop column cli_author.born (its values are lost)\n' +
        'Review them with `tessera schema:diff`, then run `tessera schema:update --force`, or write a migration.\n',
    );
    expect(Object.keys((await raw.rows('cli_author'))[0]).sort()).toEqual(['born', 'id', 'name']);

    const dump = await project.run(['schema:update', '--dump'], env);
    expect(dump.code).toBe(0);
    expect(dump.stdout).toMatch(/nickname/);

    const forced = await project.run(['schema:update', '--force'], env);
    expect(forced).toMatchObject({ code: 0, stderr: '' });
    expect(forced.stdout).toContain('  add column cli_author.nickname\n');
    expect(forced.stdout).toContain('  drop column cli_author.born\n');
    const [ada] = await raw.rows('cli_author');
    expect(Object.keys(ada).sort()).toEqual(['id', 'name', 'nickname']);
    expect(ada.name).toBe('Ada');
    expect((await project.run(['schema:diff'], env)).stdout).toBe('');
  });

  test('under NODE_ENV=production schema:update refuses to run (exit 2) and points at migrations', async () => {
    const result = await project.run(['schema:update', '--force'], { ...env, NODE_ENV: 'production' });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('schema:update is for development and refuses to run under NODE_ENV=production');
  });
});

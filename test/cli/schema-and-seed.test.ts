import { CliProject, LIBRARY_FILES } from '../support/cli-project';
import { openRawClient, type RawClient } from '../support/raw-client';
import { ensureTestDatabase } from '../support/server-admin';
import { selectedDialects, testUrl } from '../support/test-databases';

/**
 * schema:create, seed and schema:drop as a user runs them: the built binary in a project with a
 * tessera.config.ts, on every dialect (SQLite through the config's url, the servers through TESSERA_URL).
 */
describe.each(selectedDialects())('%s', (dialect) => {
  const project = new CliProject().write(LIBRARY_FILES);
  const url = dialect === 'sqlite' ? project.path('dev.sqlite') : testUrl(dialect);
  const env = dialect === 'sqlite' ? {} : { TESSERA_URL: url };
  let raw: RawClient;
  const tables = async () => {
    const names: string[] = [];
    for (const table of ['cli_author', 'cli_book']) if (await raw.count(table).then(() => true, () => false)) names.push(table);
    return names;
  };

  beforeAll(async () => {
    if (dialect !== 'sqlite') await ensureTestDatabase(dialect);
    expect((await project.run(['schema:drop'], env)).code).toBe(0);
    raw = await openRawClient(dialect, url);
  });

  afterAll(async () => {
    await project.run(['schema:drop'], env);
    await raw?.close();
    project.remove();
  });

  test('schema:create creates the tables, seed fills them, schema:drop removes them', async () => {
    const created = await project.run(['schema:create'], env);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^✓ Created 2 entity tables \(\d+ statements, \d+ ms\)\n$/);
    expect(await tables()).toEqual(['cli_author', 'cli_book']);

    const seeded = await project.run(['seed'], env);
    expect(seeded).toMatchObject({ code: 0, stderr: '' });
    expect(seeded.stdout).toMatch(/^✓ Seeded with DatabaseSeeder \(\d+ statements, \d+ ms\)\n$/);
    const authors = await raw.rows('cli_author');
    expect(authors.map((a) => [a.name, Number(a.born)])).toEqual([['Author 1', 1901], ['Author 2', 1902], ['Author 3', 1903]]);
    const [book] = await raw.rows('cli_book');
    expect([book.title, Number(book.author_id)]).toEqual(['Dune', Number(authors[0].id)]);

    const named = await project.run(['seed', 'AuthorSeeder'], env);
    expect(named.code).toBe(0);
    expect(await raw.count('cli_author')).toBe(6);

    const dropped = await project.run(['schema:drop'], env);
    expect(dropped).toMatchObject({ code: 0, stderr: '' });
    expect(dropped.stdout).toMatch(/^✓ Dropped the tables of 2 entities/);
    expect(await tables()).toEqual([]);
  });

  test('a seeder that throws exits 1 with its message and leaves no rows', async () => {
    await project.run(['schema:create'], env);
    const result = await project.run(['seed', 'BrokenSeeder'], env);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe('error the seed file is wrong\n');
    expect(await raw.count('cli_author')).toBe(0);
    await project.run(['schema:drop'], env);
  });

  test('schema:create --dump prints the DDL and runs none of it', async () => {
    const result = await project.run(['schema:create', '--dump'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^create table .cli_author. \(/m);
    expect(result.stdout.trim().split('\n').every((line) => line.endsWith(';'))).toBe(true);
    expect(await tables()).toEqual([]);
  });

  test('seed with a name the config does not list is a usage error (exit 2)', async () => {
    const result = await project.run(['seed', 'NoSuchSeeder'], env);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe("error No seeder named 'NoSuchSeeder': the config lists DatabaseSeeder, AuthorSeeder, BrokenSeeder.\n");
  });
});

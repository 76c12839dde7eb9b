import { CliProject, LIBRARY_FILES } from '../support/cli-project';
import { freshDatabase } from '../support/fresh-database';
import { openRawClient } from '../support/raw-client';
import { selectedDialects, type TestDialect } from '../support/test-databases';

/**
 * db:backup, db:restore (into the configured database or, with --url, another of any dialect) and console, run as
 * a user runs them: the built `tessera` in a project with a TypeScript config on SQLite.
 */
const project = new CliProject().write(LIBRARY_FILES);
afterAll(() => project.remove());

beforeAll(async () => {
  expect((await project.run(['schema:create'])).code).toBe(0);
  expect((await project.run(['seed'])).code).toBe(0);
});

describe('db:backup', () => {
  test('writes every table with its rows and prints what it wrote', async () => {
    const result = await project.run(['db:backup', '--out', 'backup.tessera']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^ {2}cli_author {21}3 rows\n {2}cli_book {23}1 rows\n✓ Backed up 2 tables, 4 rows to backup\.tessera \(\d+(\.\d)? (B|kB), \d+\.\d s\)\n$/);
  });

  test('without --out is a usage error', async () => {
    const result = await project.run(['db:backup']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error db:backup: the option --out <file> is missing. Run 'tessera db:backup --help' for its usage.\n");
  });

  test('--help describes it', async () => {
    const result = await project.run(['db:backup', '--help']);
    expect(result.stdout).toMatch(/^Usage: tessera db:backup \[options\]\n/);
    expect(result.stdout).toMatch(/^ {2}-o, --out <file> {6}Where to write the backup/m);
  });
});

describe('db:restore', () => {
  beforeAll(async () => {
    expect((await project.run(['db:backup', '--out', 'backup.tessera'])).code).toBe(0);
  });

  test('refuses the configured database, which has tables, without --force (exit 1)', async () => {
    const result = await project.run(['db:restore', 'backup.tessera']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error The target database is not empty \(it has the tables cli_author, cli_book\)/);
    expect((await project.run(['db:restore', 'backup.tessera', '--force'])).stdout).toMatch(/✓ Restored 2 tables, 4 rows from backup\.tessera \(a sqlite backup/);
  });

  test('a corrupted file is refused with its reason (exit 1)', async () => {
    project.write({ 'broken.tessera': 'not a backup' });
    const result = await project.run(['db:restore', 'broken.tessera', '--force']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error broken\.tessera is corrupted \(not a valid gzip stream: .*\)\. Nothing was restored\.\n$/);
  });

  test.each(selectedDialects())('--url restores into %s, and the password never appears in the output', async (dialect: TestDialect) => {
    const fresh = await freshDatabase(dialect, 'cli_restore', project.path('restored.sqlite'));
    // PostgreSQL's trust authentication ignores a password: the URL carries one that must never be printed.
    const url = dialect === 'sqlite' ? `sqlite:${fresh}` : dialect === 'postgres' ? withPassword(fresh, 'hunter2') : fresh;
    const first = await project.run(['db:restore', 'backup.tessera', '--url', url]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/✓ Restored 2 tables, 4 rows from backup\.tessera into .+ \(a sqlite backup, \d+\.\d s\)\n$/);
    if (dialect === 'postgres') expect(first.stdout).toContain(':****@127.0.0.1');
    const raw = await openRawClient(dialect, fresh);
    try {
      expect((await raw.rows('cli_author')).map((r) => r.name).sort()).toEqual(['Author 1', 'Author 2', 'Author 3']);
    } finally {
      await raw.close();
    }
    const again = await project.run(['db:restore', 'backup.tessera', '--url', url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    expect(first.stdout + first.stderr + again.stdout + again.stderr).not.toContain('hunter2');
  });
});

describe('console', () => {
  test('runs piped lines in order with orm, em and the entities in scope and top-level await', async () => {
    const script = [
      'const authors = await em.find(Author, {}, { orderBy: { id: "asc" } })',
      'console.log("authors:", authors.map((a) => a.name).join(", "))',
      'const book = await em.findOneOrFail(Book, { title: "Dune" }, { populate: ["author"] })',
      'console.log("by:", book.author.name, typeof orm.backup)',
      '.exit',
    ].join('\n');
    const result = await project.run(['console'], {}, undefined, `${script}\n`);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Tessera console: orm, em, Author, Book are in scope; top-level await works; .exit to leave.\n');
    expect(result.stdout).toContain('authors: Author 1, Author 2, Author 3');
    expect(result.stdout).toContain('by: Author 1 function');
    expect(result.stdout.indexOf('authors:')).toBeLessThan(result.stdout.indexOf('by:'));
  });

  test('an error in a line is printed and the session goes on', async () => {
    const result = await project.run(['console'], {}, undefined, 'await em.find(Nope, {})\nconsole.log("still here")\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Nope is not defined/);
    expect(result.stdout).toContain('still here');
  });
});

function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

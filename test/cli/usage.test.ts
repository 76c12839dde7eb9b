import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CliProject, LIBRARY_FILES, PACKAGE_ROOT } from '../support/cli-project';

/** The command line itself, with SQLite: help, exit codes, config discovery and the TypeScript loader. */
const project = new CliProject().write(LIBRARY_FILES);
afterAll(() => project.remove());

const COMMAND_NAMES = [
  'migration:generate',
  'migration:create',
  'migration:up',
  'migration:down',
  'migration:status',
  'migration:check',
  'migration:redo',
  'migration:reset',
  'schema:create', 'schema:drop', 'schema:update', 'schema:diff', 'seed', 'db:status', 'db:backup', 'db:restore', 'db:analyze', 'console'];

function tablesIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('help and exit codes', () => {
  test('tessera --help lists every command and exits 0; no command at all prints it and exits 2', async () => {
    const help = await project.run(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^tessera 0\.1\.0: schema, migrations, seeding, backup, query analysis and a console/);
    for (const name of COMMAND_NAMES) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(help.stdout).toContain('Exit codes: 0 success, 1 failure (or drift, for migration:check), 2 usage error.');
    const bare = await project.run([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe(help.stdout);
  });

  test('tessera --version prints the package version', async () => {
    expect(await project.run(['--version'])).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  test('tessera <command> --help shows its arguments and options, without reading any config', async () => {
    const result = await new CliProject().run(['seed', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tessera seed \[name\] \[options\]\n/);
    expect(result.stdout).toMatch(/^ {2}name {18}The seeder class name, e\.g\. DatabaseSeeder \(optional\)$/m);
    expect(result.stdout).toMatch(/^ {2}--config <path> {7}The config file/m);
    expect((await project.run(['schema:create', '-h'])).stdout).toMatch(/^ {2}--dump {16}Print the SQL instead of running it$/m);
  });

  test('an unknown command, an unknown option or an extra argument is a usage error (exit 2, message on stderr)', async () => {
    expect(await project.run(['schema:craete'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error Unknown command 'schema:craete'. Did you mean schema:create, schema:drop, schema:update, schema:diff? Run 'tessera --help' for the list.\n",
    });
    expect(await project.run(['schema:create', '--force'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error schema:create: Unknown option '--force'. Run 'tessera schema:create --help' for its usage.\n",
    });
    const extra = await project.run(['db:status', 'now']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toBe("error db:status: unexpected argument 'now'. Run 'tessera db:status --help' for its usage.\n");
  });

  test('output is plain text when stdout is not a terminal', async () => {
    const result = await project.run(['schema:create'], { FORCE_COLOR: '1' });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b');
    await project.run(['schema:drop']);
  });
});

describe('configuration', () => {
  test('without a config file or TESSERA_URL, a command says how to configure it and exits 2', async () => {
    const empty = new CliProject();
    try {
      const result = await empty.run(['schema:create']);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `error No tessera.config.ts or tessera.config.js in ${empty.dir}, and TESSERA_URL is not set. ` +
          'Create a config file, pass --config <path>, or set TESSERA_URL.\n',
      );
    } finally {
      empty.remove();
    }
  });

  test('--config points at a config elsewhere; a missing one exits 2', async () => {
    const other = new CliProject().write({
      ...LIBRARY_FILES,
      'config/tessera.config.ts': LIBRARY_FILES['tessera.config.ts'].replace(/'\.\/src\//g, "'../src/").replace("'dev.sqlite'", "'other.sqlite'"),
    });
    try {
      const result = await other.run(['schema:create', '--config', 'config/tessera.config.ts']);
      expect(result.code).toBe(0);
      expect(tablesIn(other.path('other.sqlite'))).toEqual(['cli_author', 'cli_book', 'sqlite_sequence']);
      const missing = await other.run(['schema:create', '--config', 'nope.ts']);
      expect(missing).toMatchObject({ code: 2, stderr: `error The config file ${other.path('nope.ts')} does not exist.\n` });
    } finally {
      other.remove();
    }
  });

  test("TESSERA_URL overrides the config's connection", async () => {
    const fresh = new CliProject().write(LIBRARY_FILES);
    try {
      const result = await fresh.run(['schema:create'], { TESSERA_URL: `sqlite:${fresh.path('from-env.sqlite')}` });
      expect(result.code).toBe(0);
      expect(tablesIn(fresh.path('from-env.sqlite'))).toContain('cli_author');
      expect(existsSync(fresh.path('dev.sqlite'))).toBe(false);
    } finally {
      fresh.remove();
    }
  });

  test('TESSERA_URL with an unknown scheme, or alone for a command that needs entities, is a usage error', async () => {
    const bare = new CliProject();
    try {
      const scheme = await bare.run(['db:status'], { TESSERA_URL: 'oracle://scott@db/orcl' });
      expect(scheme).toMatchObject({ code: 2 });
      expect(scheme.stderr).toContain("TESSERA_URL has the scheme 'oracle:', which names no dialect");
      const noEntities = await bare.run(['schema:create'], { TESSERA_URL: 'sqlite::memory:' });
      expect(noEntities).toMatchObject({ code: 2 });
      expect(noEntities.stderr).toBe(
        'error schema:create works from the entities, and there is no config file (only TESSERA_URL): add `entities: [...]` to tessera.config.ts.\n',
      );
    } finally {
      bare.remove();
    }
  });
});

describe('the TypeScript loader', () => {
  /** A copy of the built package whose node_modules has its dependencies but not @swc/core. */
  const packageDir = mkdtempSync(join(tmpdir(), 'tessera-pkg-'));
  beforeAll(() => {
    cpSync(join(PACKAGE_ROOT, 'dist'), join(packageDir, 'dist'), { recursive: true });
    cpSync(join(PACKAGE_ROOT, 'package.json'), join(packageDir, 'package.json'));
    mkdirSync(join(packageDir, 'node_modules'));
    for (const dependency of ['better-sqlite3', 'reflect-metadata', 'tarn']) {
      symlinkSync(join(PACKAGE_ROOT, 'node_modules', dependency), join(packageDir, 'node_modules', dependency), 'dir');
    }
  });
  afterAll(() => rmSync(packageDir, { recursive: true, force: true }));
  const bin = () => join(packageDir, 'dist/cli/bin.js');

  test('without @swc/core, a tessera.config.ts fails with the command that installs it (exit 1)', async () => {
    const withoutSwc = new CliProject(packageDir).write(LIBRARY_FILES);
    try {
      const result = await withoutSwc.run(['schema:create'], {}, bin());
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toBe(
        `error Loading ${withoutSwc.path('tessera.config.ts')} needs a TypeScript compiler at run time: Tessera uses '@swc/core' ` +
          '(an optional peer dependency). Install it with: npm install --save-dev @swc/core (or write the file as JavaScript).\n',
      );
    } finally {
      withoutSwc.remove();
    }
  });

  test('without @swc/core, a JavaScript config (entities decorated by hand) works', async () => {
    const javascript = new CliProject(packageDir).write({
      'tessera.config.js': `
        const { Entity, PrimaryKey, Column, defineConfig } = require('tessera-orm');
        class Note {}
        PrimaryKey({ type: 'int' })(Note.prototype, 'id');
        Column({ type: 'string' })(Note.prototype, 'body');
        Entity({ table: 'js_note' })(Note);
        module.exports = defineConfig({ dialect: 'sqlite', url: 'js.sqlite', entities: [Note] });
      `,
    });
    try {
      const result = await javascript.run(['schema:create'], {}, bin());
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(tablesIn(javascript.path('js.sqlite'))).toContain('js_note');
    } finally {
      javascript.remove();
    }
  });
});

import Database from 'better-sqlite3';
import { CliProject } from '../support/cli-project';

/**
 * db:analyze as a user runs it: the built `tessera` with TESSERA_URL on SQLite files made with plain DDL, one with
 * a large table and an unindexed foreign key, one with neither. The dialects' plans are tested in
 * test/integration/analyze.test.ts; here, the options, the output and the exit codes.
 */
const project = new CliProject();
const flawed = `sqlite:${project.path('flawed.sqlite')}`;
const clean = `sqlite:${project.path('clean.sqlite')}`;
const SCAN = "select * from big where note = 'x'";

beforeAll(() => {
  const db = new Database(project.path('flawed.sqlite'));
  db.exec('create table parent (id integer primary key); create table child (id integer primary key, parent_id int references parent (id))');
  db.exec('create table big (id integer primary key, note text)');
  db.exec("with recursive n(i) as (select 1 union all select i + 1 from n where i < 1200) insert into big (note) select 'note ' || i from n");
  db.close();
  const other = new Database(project.path('clean.sqlite'));
  other.exec('create table small (id integer primary key, note text)');
  other.close();
});
afterAll(() => project.remove());

describe('db:analyze', () => {
  test('prints the full scans and unindexed foreign keys it finds, and exits 0 without --strict', async () => {
    const result = await project.run(['db:analyze', '--sql', `${SCAN};\nselect * from big where id = 3`], { TESSERA_URL: flawed });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      [
        'Analyzed 2 of 2 statements on sqlite (a table of 1000 rows or more is large)',
        '! Full scan: reads big (1000 rows or more) whole (SCAN big): index the columns it filters or joins big on.',
        `    ${SCAN}`,
        '! Foreign key without an index: child (parent_id) references parent without an index: deleting or updating a parent row, ' +
          'and joining child to it, read child whole. Index it (@Index() on the relation).',
        '  Unused indexes: sqlite cannot tell (SQLite keeps no record of index use).',
        '2 findings',
        '',
      ].join('\n'),
    );
  });

  test('--strict exits 1 on findings and 0 on a database with none', async () => {
    expect((await project.run(['db:analyze', '--sql', SCAN, '--strict'], { TESSERA_URL: flawed })).code).toBe(1);
    const ok = await project.run(['db:analyze', '--sql', "select * from small where note = 'x'", '--strict'], { TESSERA_URL: clean });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\n✓ Nothing found\n$/);
  });

  test('--file takes NDJSON statements with their values, --min-rows and --json the report as data', async () => {
    project.write({ 'captured.ndjson': `${JSON.stringify({ sql: 'select id from big b where b.note = ?', params: ['x'] })}\n` });
    const result = await project.run(['db:analyze', '--file', 'captured.ndjson', '--min-rows', '1000', '--json'], { TESSERA_URL: flawed });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { findings: { kind: string; table: string }[]; statements: unknown[]; minRows: number };
    expect(report.minRows).toBe(1000);
    expect(report.statements).toEqual([{ sql: 'select id from big b where b.note = ?' }]);
    expect(report.findings.map((f) => [f.kind, f.table])).toEqual([
      ['full-scan', 'big'],
      ['unindexed-foreign-key', 'child'],
    ]);
    const higher = JSON.parse((await project.run(['db:analyze', '--file', 'captured.ndjson', '--min-rows', '5000', '--json'], { TESSERA_URL: flawed })).stdout);
    expect(higher.findings.map((f: { kind: string }) => f.kind)).toEqual(['unindexed-foreign-key']);
  });

  test('a statement that cannot be explained is printed with its error; with --strict it exits 1', async () => {
    const result = await project.run(['db:analyze', '--sql', 'select * from nowhere', '--strict'], { TESSERA_URL: clean });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Analyzed 0 of 1 statements on sqlite .*\n✗ Cannot explain select \* from nowhere: .*no such table: nowhere/);
  });

  test('bad arguments are usage errors (exit 2)', async () => {
    const minRows = await project.run(['db:analyze', '--min-rows', 'lots'], { TESSERA_URL: clean });
    expect(minRows.code).toBe(2);
    expect(minRows.stderr).toBe("error db:analyze: --min-rows takes a whole number of at least 1, not 'lots'. Run 'tessera db:analyze --help' for its usage.\n");
    const missing = await project.run(['db:analyze', '--file', 'nope.sql'], { TESSERA_URL: clean });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error db:analyze: cannot read nope\.sql \(ENOENT\)/);
    project.write({ 'broken.ndjson': '{"sql": "select 1"}\n{"params": []}\n' });
    const broken = await project.run(['db:analyze', '--file', 'broken.ndjson'], { TESSERA_URL: clean });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^error db:analyze: line 2 of broken\.ndjson is not \{"sql": "\.\.\.", "params": \[\.\.\.\]\}/);
  });

  test('--help describes it', async () => {
    const result = await project.run(['db:analyze', '--help']);
    expect(result.stdout).toMatch(/^Usage: tessera db:analyze \[options\]\n/);
    expect(result.stdout).toMatch(/^ {2}--strict {14}Exit 1 when anything is found$/m);
    expect(result.stdout).toMatch(/^ {2}-f, --file <path> {5}A file of statements to explain/m);
  });
});

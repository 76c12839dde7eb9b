import { CliProject } from '../support/cli-project';
import { freshDatabase } from '../support/fresh-database';
import { selectedDialects, testUrl } from '../support/test-databases';

const SERVER = { sqlite: /^SQLite 3\.\d+\.\d+$/, postgres: /^PostgreSQL \d+\.\d+/, mariadb: /^\d+\.\d+\.\d+-MariaDB/ };

/** db:status against each real database, with the URL given through TESSERA_URL and no config file. */
describe.each(selectedDialects())('%s', (dialect) => {
  const project = new CliProject();
  let url: string;

  // A database of its own: the worker's shared one may hold other suites' migrations table.
  beforeAll(async () => {
    url = dialect === 'sqlite' ? `sqlite:${project.path('status.sqlite')}` : await freshDatabase(dialect, 'status', '');
  });
  afterAll(() => project.remove());

  test('reports the connection, the server version and the pool, and exits 0', async () => {
    const result = await project.run(['db:status'], { TESSERA_URL: url });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const rows = Object.fromEntries(result.stdout.trim().split('\n').map((line) => [line.slice(0, 11).trim(), line.slice(12)]));
    expect(rows.Database).toBe(url.replace(/^sqlite:/, ''));
    expect(rows.Dialect).toBe(dialect === 'mariadb' ? 'mysql' : dialect);
    expect(rows.Connected).toMatch(/^yes \(\d+ ms\)$/);
    expect(rows.Server).toMatch(SERVER[dialect]);
    expect(rows.Pool).toBe(`0 used, 1 idle, 0 waiting, max ${dialect === 'sqlite' ? 1 : 10}`);
    expect(rows.Migrations).toBe('0 executed, 0 pending');
  });

  test('a server it cannot reach exits 1, and the password never appears in the output', async () => {
    const unreachable = dialect === 'sqlite' ? `sqlite:${project.path('no/such/dir/x.sqlite')}` : withPassword(testUrl(dialect), 'hunter2', 1);
    const result = await project.run(['db:status'], { TESSERA_URL: unreachable });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Connected {3}no: .+$/m);
    expect(result.stdout + result.stderr).not.toContain('hunter2');
    if (dialect !== 'sqlite') expect(result.stdout).toContain(':****@127.0.0.1:1/');
  });

  if (dialect === 'postgres') {
    test('a URL with a password (ignored by trust authentication) connects and is printed masked', async () => {
      const result = await project.run(['db:status'], { TESSERA_URL: withPassword(testUrl('postgres'), 'hunter2', 5432) });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(':****@127.0.0.1:5432/');
      expect(result.stdout).not.toContain('hunter2');
    });
  }
});

/** The URL with a password and another port (nothing listens on port 1). */
function withPassword(url: string, password: string, port: number): string {
  const parsed = new URL(url);
  parsed.password = password;
  parsed.port = String(port);
  return parsed.toString();
}

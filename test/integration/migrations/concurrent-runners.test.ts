import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { RACE_MIGRATIONS } from '../../support/migration-fixtures';

/** Enough rounds to catch a race that hits about one round in six (the chance of missing it: under 1 in 1,000). */
const ROUNDS = 40;

const NAMES = RACE_MIGRATIONS.map((m) => m.name);

type Reply = { ran: string[] } | { error: string };

/**
 * Issue 10, defect 12: two `migration:up` processes started together on one SQLite file. SQLite has no session
 * lock: the runner must take `begin immediate` before it reads the migrations table and the schema, or a runner
 * records a migration against a schema the other one has just changed. Each round is a fresh file.
 */
describe('sqlite: two migration runners in two processes at once', () => {
  let dir: string;
  let runners: ChildProcess[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-race-'));
    const root = resolve(__dirname, '../../..');
    runners = [0, 1].map(() => fork('test/support/migrate-race-child.ts', [], { cwd: root, execArgv: ['-r', './scripts/register.js'] }));
  });
  afterAll(() => {
    for (const runner of runners) runner.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  test(`run every migration exactly once, in each of ${ROUNDS} rounds`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const url = join(dir, `round-${round}.sqlite`);
      const [first, second] = await Promise.all(runners.map((runner) => migrate(runner, url)));
      const replies = [first, second].map((reply) => ('error' in reply ? `failed: ${reply.error}` : reply.ran));
      const ran = [first, second].flatMap((reply) => ('ran' in reply ? reply.ran : []));
      if (typeof replies[0] === 'string' || typeof replies[1] === 'string' || ran.length !== NAMES.length) {
        failures.push(`round ${round}: ${JSON.stringify(replies)}`);
        continue;
      }
      expect(ran.sort()).toEqual([...NAMES].sort());
      expect(recorded(url)).toEqual(NAMES);
    }
    expect(failures).toEqual([]);
  });
});

function migrate(runner: ChildProcess, url: string): Promise<Reply> {
  return new Promise((done) => {
    runner.once('message', (reply) => done(reply as Reply));
    runner.send({ url });
  });
}

/** The migrations table's names, and that the last migration's schema is there. */
function recorded(url: string): string[] {
  const db = new Database(url, { readonly: true });
  try {
    const columns = db.prepare("select name, \"notnull\" from pragma_table_info('race_items')").all();
    expect(columns).toEqual([
      { name: 'id', notnull: 1 },
      { name: 'name', notnull: 1 },
      { name: 'qty', notnull: 1 },
    ]);
    const indexes = db.prepare("select name from pragma_index_list('race_items') where origin = 'c'").all();
    expect(indexes).toEqual([{ name: 'race_items_name_index' }]);
    return (db.prepare('select name from tessera_migrations order by name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

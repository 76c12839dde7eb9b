// Backup and restore throughput (rows/s) and peak RSS per dialect, on a table of N rows (default 1,000,000):
// SQLite is seeded with N rows, backed up, and the backup restored into a fresh SQLite, PostgreSQL and MariaDB
// database, each of which is backed up again. Every backup and restore runs in a child process of its own, whose
// peak RSS (getrusage's maxRSS) is reported beside an idle child's (an Orm opened and closed): memory is flat
// when the peak does not grow with N (compare BENCH_ROWS=100000) and a run completes with V8's heap capped
// (BENCH_HEAP_MB=64).
// Run: TESSERA_TEST_DB_PREFIX=<prefix> [BENCH_ROWS=1000000] [BENCH_DIALECTS=sqlite,postgres,mariadb] [BENCH_HEAP_MB=64] \
//        node -r ./scripts/register.js scripts/backup-bench.ts
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, Entity, Orm, PrimaryKey } from '../src';
import { freshDatabase } from '../test/support/fresh-database';
import { ALL_DIALECTS, type TestDialect } from '../test/support/test-databases';

process.env.JEST_WORKER_ID = 'bench';

@Entity({ table: 'bench_rows' })
class BenchRow {
  @PrimaryKey() id!: number;
  @Column({ length: 40 }) name!: string;
  @Column({ type: 'int' }) qty!: number;
  @Column({ type: 'bigint' }) big!: string;
  @Column({ type: 'decimal', precision: 12, scale: 2 }) price!: string;
  @Column() flag!: boolean;
  @Column({ type: 'timestamp' }) at!: Date;
  @Column({ type: 'json' }) doc!: unknown;
  @Column({ type: 'text' }) note!: string;
}

interface Measured {
  readonly seconds: number;
  readonly rows: number;
  readonly maxRssMb: number;
}

/** In the child: one operation, then its time and the process's peak RSS as JSON on stdout. */
async function child(operation: string, dialect: TestDialect, url: string, file: string): Promise<void> {
  const orm = await Orm.init({ dialect, url, entities: [BenchRow], pool: { min: 0, max: 2 } });
  const started = process.hrtime.bigint();
  let rows = 0;
  if (operation === 'backup') rows = (await orm.backup(file)).rows;
  if (operation === 'restore') rows = (await orm.restore(file)).rows;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await orm.close();
  const measured: Measured = { seconds, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(measured));
}

function inChild(operation: 'idle' | 'backup' | 'restore', dialect: TestDialect, url: string, file: string): Measured {
  // BENCH_HEAP_MB caps V8's old space: a run that completes under a small cap holds no rows beyond a batch.
  const heap = process.env.BENCH_HEAP_MB ? [`--max-old-space-size=${process.env.BENCH_HEAP_MB}`] : [];
  const out = execFileSync(process.execPath, [...heap, '-r', join(__dirname, 'register.js'), __filename, 'child', operation, dialect, url, file], {
    env: process.env,
    encoding: 'utf8',
  });
  return JSON.parse(out) as Measured;
}

async function seedSqlite(file: string, rows: number): Promise<void> {
  const orm = await Orm.init({ dialect: 'sqlite', url: file, entities: [BenchRow] });
  await orm.schema.create();
  const em = orm.em.fork();
  // One statement, in SQLite itself: the values Tessera would write (ISO timestamps, JSON text, 0/1 booleans).
  await em.sql`with recursive s(n) as (select 1 union all select n + 1 from s where n < ${rows})
    insert into bench_rows (id, name, qty, big, price, flag, at, doc, note)
    select n, 'name ' || n, n % 1000, n * 1000003, printf('%.2f', n / 7.0), n % 2,
      strftime('%Y-%m-%dT%H:%M:%fZ', 1700000000 + n, 'unixepoch'), json_object('n', n, 'tags', json_array('a', 'b')),
      'a note for row number ' || n from s`;
  await orm.close();
}

const line = (label: string, m: Measured) =>
  `${label.padEnd(28)} ${m.seconds.toFixed(1).padStart(6)} s  ${Math.round(m.rows / m.seconds).toLocaleString('en').padStart(9)} rows/s  peak RSS ${m.maxRssMb.toFixed(0).padStart(4)} MB`;

async function main(): Promise<void> {
  const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
  const dialects = (process.env.BENCH_DIALECTS?.split(',') as TestDialect[] | undefined) ?? [...ALL_DIALECTS];
  const dir = mkdtempSync(join(tmpdir(), 'tessera-backup-bench-'));
  try {
    const source = join(dir, 'source.sqlite');
    await seedSqlite(source, rows);
    const idle = inChild('idle', 'sqlite', source, '');
    console.log(`${rows.toLocaleString('en')} rows; an idle child (Orm opened and closed): peak RSS ${idle.maxRssMb.toFixed(0)} MB`);
    const backup = join(dir, 'sqlite.tessera');
    console.log(line('backup  sqlite', inChild('backup', 'sqlite', source, backup)));
    console.log(`backup file: ${(statSync(backup).size / 1024 ** 2).toFixed(1)} MB`);
    for (const dialect of dialects) {
      const url = await freshDatabase(dialect, 'bkbench', join(dir, `${dialect}.sqlite`));
      console.log(line(`restore sqlite -> ${dialect}`, inChild('restore', dialect, url, backup)));
      if (dialect !== 'sqlite') console.log(line(`backup  ${dialect}`, inChild('backup', dialect, url, join(dir, `${dialect}.tessera`))));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, operation, dialect, url, file] = process.argv.slice(2);
(mode === 'child' ? child(operation, dialect as TestDialect, url, file) : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

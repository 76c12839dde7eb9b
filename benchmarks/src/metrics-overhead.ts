import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { DIALECT_NAMES, type DialectName, type DialectTarget } from './dialect-target';
import { ensureDatabase } from './fixture/ensure-database';
import { markdownTable } from './report/markdown-table';
import { summarize } from './stats';

/**
 * What recording metrics costs (docs/observability.md), as two variants of Tessera side by side in one process,
 * alternated in short rounds so that the shared machine's noise hits both alike:
 * - S2's work: a fresh fork loads all ROWS rows as entities (one statement);
 * - S4's work: CALLS lookups by primary key, each in a fresh fork (one acquire and one statement each).
 * A variant is `label=module[+metrics]`: the Tessera build to load (`tessera-orm`, or a path to another build's
 * `dist`, to compare builds) and whether `metrics: true` is on. BENCH_VARIANTS takes two (default: the same build
 * off and on); the figure is the median over rounds of B's time divided by A's in the same round, for wall time and
 * for this process's CPU time (the library's own work, which the machine's other tenants disturb far less).
 * BENCH_DIALECTS narrows the dialects, BENCH_REPS the rounds (default 30). Own databases: `tessera_metrics_overhead`.
 */
const ROWS = 10_000;
const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const REPS = Number(process.env.BENCH_REPS ?? 30);
const WARMUP = 3;

type Tessera = typeof import('tessera-orm');
type OrmLike = Awaited<ReturnType<Tessera['Orm']['init']>>;

interface Variant {
  readonly label: string;
  readonly module: string;
  readonly metrics: boolean;
}

/** One variant connected: its own copy of Tessera (so its own metadata registry), entity class and Orm. */
interface Running {
  readonly variant: Variant;
  readonly orm: OrmLike;
  readonly item: new () => object;
}

function variants(): [Variant, Variant] {
  const spec = process.env.BENCH_VARIANTS ?? 'off=tessera-orm,on=tessera-orm+metrics';
  const parsed = spec.split(',').map((part): Variant => {
    const [label, rest] = part.split('=');
    return { label, module: rest.replace(/\+metrics$/, ''), metrics: rest.endsWith('+metrics') };
  });
  if (parsed.length !== 2) throw new Error(`BENCH_VARIANTS takes two variants, got ${spec}`);
  return [parsed[0], parsed[1]];
}

function target(dialect: DialectName): DialectTarget {
  switch (dialect) {
    case 'sqlite':
      return { dialect, url: path.join(os.tmpdir(), 'tessera-metrics-overhead.sqlite') };
    case 'postgres':
      return { dialect, url: process.env.BENCH_POSTGRES_URL?.replace(/\/[^/]*$/, '/tessera_metrics_overhead') ?? 'postgres://postgres@127.0.0.1:5432/tessera_metrics_overhead' };
    case 'mariadb':
      return { dialect, url: process.env.BENCH_MARIADB_URL?.replace(/\/[^/]*$/, '/tessera_metrics_overhead') ?? 'mysql://root@127.0.0.1:3306/tessera_metrics_overhead' };
  }
}

/** The entity, declared through the given copy's decorators (each copy keeps its own metadata). */
function itemClass(tessera: Tessera): new () => object {
  class Item {}
  tessera.PrimaryKey({ type: 'int' })(Item.prototype, 'id');
  tessera.Column({ type: 'string' })(Item.prototype, 'name');
  tessera.Column({ type: 'int' })(Item.prototype, 'qty');
  tessera.Entity({ table: 'metrics_overhead_item' })(Item);
  return Item;
}

async function start(variant: Variant, where: DialectTarget): Promise<Running> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tessera = require(variant.module) as Tessera;
  const item = itemClass(tessera);
  const orm = await tessera.Orm.init({ dialect: where.dialect, url: where.url, entities: [item], pool: { min: 0, max: 10 }, metrics: variant.metrics || undefined });
  return { variant, orm, item };
}

/** Wall time, and this process's CPU time (user + system: its own work, which other tenants disturb far less). */
interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
}

async function timed(work: () => Promise<void>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const { user, system } = process.cpuUsage(cpu);
  return { ms, cpuMs: (user + system) / 1000 };
}

function loadAll({ orm, item }: Running): Promise<Timing> {
  return timed(async () => {
    const rows = await orm.em.fork().find(item, {});
    if (rows.length !== ROWS) throw new Error(`loaded ${rows.length} rows, expected ${ROWS}`);
  });
}

function findEach({ orm, item }: Running): Promise<Timing> {
  return timed(async () => {
    for (let i = 0; i < CALLS; i++) {
      const found = await orm.em.fork().findOne(item, ((i * 7919) % ROWS) + 1);
      if (!found) throw new Error('a lookup found nothing');
    }
  });
}

async function main(): Promise<void> {
  const [a, b] = variants();
  const dialects = (process.env.BENCH_DIALECTS?.split(',') as DialectName[] | undefined) ?? DIALECT_NAMES;
  const table: string[][] = [];
  for (const dialect of dialects) {
    const where = target(dialect);
    await ensureDatabase(where);
    const runs = [await start(a, where), await start(b, where)];
    await runs[0].orm.schema.drop();
    await runs[0].orm.schema.create();
    const em = runs[0].orm.em.fork();
    for (let i = 1; i <= ROWS; i++) em.create(runs[0].item, { name: `item ${i}`, qty: i });
    await em.flush();

    const times = { S2: [[], []] as Timing[][], S4: [[], []] as Timing[][] };
    for (let round = 0; round < WARMUP + REPS; round++) {
      // The order flips every round, so neither variant always runs after the other.
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const s2 = await loadAll(runs[i]);
        const s4 = await findEach(runs[i]);
        if (round < WARMUP) continue;
        times.S2[i].push(s2);
        times.S4[i].push(s4);
      }
      process.stderr.write(`${dialect}: round ${round + 1}/${WARMUP + REPS}\n`);
    }
    const counted = (runs.find((r) => r.variant.metrics)?.orm as { metrics?: () => { value(name: string): number } } | undefined)?.metrics?.().value('tessera_statements_total');
    for (const run of runs) await run.orm.close();
    for (const scenario of ['S2', 'S4'] as const) {
      const [ta, tb] = times[scenario];
      const cell = (of: keyof Timing) => {
        const ratios = summarize(ta.map((t, i) => tb[i][of] / t[of]));
        const median = (ts: Timing[]) => summarize(ts.map((t) => t[of])).median.toFixed(1);
        return [`${median(ta)} → ${median(tb)}`, `${ratios.median.toFixed(3)} (${ratios.min.toFixed(2)}–${ratios.max.toFixed(2)})`];
      };
      table.push([dialect, scenario === 'S2' ? `S2 load ${ROWS.toLocaleString('en')}` : `S4 ${CALLS.toLocaleString('en')} finds by key`, ...cell('ms'), ...cell('cpuMs')]);
    }
    process.stderr.write(`${dialect}: statements counted by the metrics variant: ${counted ?? 'none'}\n`);
  }
  process.stdout.write(
    markdownTable(
      ['dialect', 'work', `wall ms: ${a.label} → ${b.label}`, `wall ${b.label} / ${a.label}`, `CPU ms: ${a.label} → ${b.label}`, `CPU ${b.label} / ${a.label}`],
      ['l', 'l', 'r', 'r', 'r', 'r'],
      table,
    ),
  );
  process.stdout.write(
    `\n\nMedians; a ratio is the median over rounds of B / A in the same round (min–max). ${REPS} rounds after ${WARMUP} warm-up rounds, ` +
      'the two variants alternated within each round, the order flipped every round. CPU is this process\'s user + system time.\n',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

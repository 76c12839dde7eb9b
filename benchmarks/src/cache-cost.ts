import { loadContender } from './contenders/registry';
import type { Contender, ItemView } from './contenders/contender';
import { DIALECT_NAMES, dialectTarget, type DialectName } from './dialect-target';
import { BenchTable } from './fixture/bench-table';
import { ensureDatabase } from './fixture/ensure-database';
import { GraphTables } from './fixture/graph-tables';
import { ReportTables } from './fixture/report-tables';
import { CacheVariant, type CacheStore } from './cache-cost/cache-variant';
import { markdownTable } from './report/markdown-table';
import { expectedReport, generateReportData, REPORT_QUERY, REPORT_RUNS, type ReportRow } from './report-data';
import { FIND_COUNT, generateItems, ITEM_COUNT, pickLookupIds } from './scenario-data';
import { expectViews, seededNames } from './scenarios/item-checks';
import { expectReport } from './scenarios/report-checks';
import { summarize } from './stats';
import { measure } from './stopwatch';

type Runner = 'raw' | CacheStore;
const RUNNERS: readonly Runner[] = ['raw', 'none', 'memory', 'redis'];
/** The timed figures of one runner: S4 cold (cache emptied first) and warm (every id cached), S8's runs. */
type Figure = 's4cold' | 's4warm' | 's8';

/**
 * What Tessera's second-level cache buys on S4 (5,000 lookups by primary key, a fresh fork each) and S8 (the
 * aggregate report, 10 runs in a row), per dialect: raw SQL, Tessera without a cache, and Tessera with its entity
 * cache (S4) and result cache (S8) in memory and in Redis. A cached S4 is timed twice: cold (the cache emptied
 * first, every lookup misses and fills it) and warm (the same 5,000 ids again, every lookup a hit). S8's 10 runs
 * start from an emptied cache (1 miss, 9 hits). Runners are interleaved and rotated per repetition; every result
 * is checked as in the main run. Prints a markdown report. BENCH_DIALECTS, BENCH_REPS (default 5), BENCH_WARMUP
 * (default 1), BENCH_REDIS_URL (default the local 6379; keys under a prefix of this process, removed after).
 */
async function main(): Promise<void> {
  const dialects = (process.env.BENCH_DIALECTS?.split(',') as DialectName[] | undefined) ?? DIALECT_NAMES;
  const reps = Number(process.env.BENCH_REPS ?? 5);
  const warmups = Number(process.env.BENCH_WARMUP ?? 1);
  const items = generateItems(ITEM_COUNT);
  const reportData = generateReportData();
  const s4Rows: string[][] = [];
  const s8Rows: string[][] = [];
  for (const dialect of dialects) {
    const target = dialectTarget(dialect);
    await ensureDatabase(target);
    const table = await BenchTable.open(target);
    const reportTables = await ReportTables.open(target);
    // raw prepares its statements on every table at setup, S6's included.
    const graphTables = await GraphTables.open(target);
    await graphTables.recreate();
    await graphTables.close();
    await table.recreate();
    await reportTables.recreate();
    const ids = await table.seed(items);
    const authorIds = await reportTables.seedOnce(reportData);
    const lookups = pickLookupIds(ids, FIND_COUNT);
    const names = seededNames(ids, items);
    const expected = expectedReport(reportData, authorIds, REPORT_QUERY);
    const raw = await loadContender('raw', dialect);
    await raw.setup(target);
    const variants = new Map<CacheStore, CacheVariant>();
    for (const store of ['none', 'memory', 'redis'] as const) variants.set(store, await CacheVariant.open(target, store));
    const samples = new Map<string, number[]>();
    const add = (runner: Runner, figure: Figure, ms: number) => samples.set(`${runner} ${figure}`, [...(samples.get(`${runner} ${figure}`) ?? []), ms]);
    try {
      for (let rep = 1 - warmups; rep <= reps; rep++) {
        const shift = (rep + warmups) % RUNNERS.length;
        for (const runner of [...RUNNERS.slice(shift), ...RUNNERS.slice(0, shift)]) {
          const subject = runner === 'raw' ? raw : variants.get(runner)!;
          const figures = await timeRunner(subject, lookups, names, expected);
          if (rep > 0) for (const [figure, ms] of Object.entries(figures) as [Figure, number][]) add(runner, figure, ms);
          const shown = Object.entries(figures).map(([figure, ms]) => `${figure} ${ms.toFixed(1)} ms`);
          process.stderr.write(`${dialect} ${rep <= 0 ? 'warm-up' : `rep ${rep}`} ${runner}: ${shown.join(', ')}\n`);
        }
      }
    } finally {
      await raw.teardown();
      for (const variant of variants.values()) {
        await variant.invalidate();
        await variant.close();
      }
      await table.close();
      await reportTables.close();
    }
    const median = (runner: Runner, figure: Figure) => summarize(samples.get(`${runner} ${figure}`)!).median;
    const perLookup = (ms: number) => `${ms.toFixed(1)} (${((ms * 1000) / FIND_COUNT).toFixed(1)} µs)`;
    s4Rows.push([
      dialect,
      perLookup(median('raw', 's4warm')),
      perLookup(median('none', 's4warm')),
      perLookup(median('memory', 's4cold')),
      perLookup(median('memory', 's4warm')),
      perLookup(median('redis', 's4cold')),
      perLookup(median('redis', 's4warm')),
      `${(median('none', 's4warm') / median('memory', 's4warm')).toFixed(1)}×`,
      `${(median('none', 's4warm') / median('redis', 's4warm')).toFixed(2)}×`,
    ]);
    s8Rows.push([
      dialect,
      median('raw', 's8').toFixed(1),
      median('none', 's8').toFixed(1),
      median('memory', 's8').toFixed(1),
      median('redis', 's8').toFixed(1),
      `${(median('none', 's8') / median('memory', 's8')).toFixed(1)}×`,
      `${(median('none', 's8') / median('redis', 's8')).toFixed(1)}×`,
    ]);
  }
  process.stdout.write(
    `# The second-level cache: S4 and S8\n\nMedians of ${reps} runs (after ${warmups} warm-ups), ms.\n\n` +
      `## S4: ${FIND_COUNT.toLocaleString('en')} lookups by primary key, a fresh fork each (ms, µs per lookup)\n\n` +
      'Cold: the cache emptied first (every lookup misses, reads the row and fills the cache). Warm: the same ids ' +
      'again (every lookup a hit). Targets: uncached ÷ memory warm ≥ 5× on the servers; Redis warm at least as fast ' +
      'as uncached PostgreSQL (the postgres row: uncached ÷ Redis warm ≥ 1).\n\n' +
      markdownTable(
        ['dialect', 'raw', 'uncached', 'memory cold', 'memory warm', 'Redis cold', 'Redis warm', 'uncached ÷ memory warm', 'uncached ÷ Redis warm'],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        s4Rows,
      ) +
      `\n\n## S8: the aggregate report, ${REPORT_RUNS} runs in a row (ms)\n\n` +
      'The result cache (`.cache({ ttl, key })`) emptied first: the first run misses, the other 9 hit.\n\n' +
      markdownTable(
        ['dialect', 'raw', 'uncached', 'memory', 'Redis', 'uncached ÷ memory', 'uncached ÷ Redis'],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
        s8Rows,
      ) +
      '\n',
  );
}

/** One runner's timed steps, each result checked. Uncached runners have one S4 figure (cold and warm alike). */
async function timeRunner(
  subject: Contender | CacheVariant,
  lookups: readonly number[],
  names: ReadonlyMap<number, string>,
  expected: readonly ReportRow[],
): Promise<Partial<Record<Figure, number>>> {
  const name = subject instanceof CacheVariant ? `tessera (${subject.store})` : subject.name;
  const cached = subject instanceof CacheVariant && subject.store !== 'none';
  const find = async () => {
    const { ms, value } = await measure(() => subject.findEach(lookups));
    expectViews(value as readonly ItemView[], lookups, names, 'S4', name);
    return ms;
  };
  const figures: Partial<Record<Figure, number>> = {};
  if (cached) {
    await subject.invalidate();
    figures.s4cold = await find();
    const before = subject.stats();
    figures.s4warm = await find();
    const after = subject.stats();
    if (after.hits - before.hits !== lookups.length || after.misses !== before.misses) {
      throw new Error(`${name}: the warm S4 pass had ${after.hits - before.hits} hits and ${after.misses - before.misses} misses`);
    }
    await subject.invalidate();
  } else {
    figures.s4warm = await find();
  }
  const { ms, value: runs } = await measure(async () => {
    const results: (readonly ReportRow[])[] = [];
    for (let i = 0; i < REPORT_RUNS; i++) results.push(await subject.report(REPORT_QUERY));
    return results;
  });
  for (const rows of runs) expectReport(rows, expected, 'S8', name);
  figures.s8 = ms;
  return figures;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message).slice(0, 4000) : String(error));
    process.exit(1);
  },
);

import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { readBenchConfig, type BenchConfig } from './bench-config';
import type { Contender } from './contenders/contender';
import { loadContender } from './contenders/registry';
import { dialectTarget, type DialectName } from './dialect-target';
import { BenchTable } from './fixture/bench-table';
import { ensureDatabase } from './fixture/ensure-database';
import { GraphTables } from './fixture/graph-tables';
import { ReportTables } from './fixture/report-tables';
import { generateGraph, type GraphData } from './graph-data';
import { generateReportData, type ReportData } from './report-data';
import { describeEnvironment } from './report/environment';
import { renderReport } from './report/render-report';
import { Results } from './results';
import { generateItems, ITEM_COUNT, type ItemData } from './scenario-data';
import { measurePeakRss, type RssProbe } from './rss/peak-rss';
import type { Figure } from './scenarios/scenario';

const BENCH_ROOT = path.resolve(__dirname, '..');

/**
 * Runs every scenario for every contender on each dialect in one process. Repetitions are interleaved
 * (for each repetition, for each scenario, for each contender) so that a noisy minute on this shared machine
 * lands on every contender alike, and the contender order rotates each repetition so nobody always goes first.
 * The first `warmups` repetitions (JIT, statement caches, connection pools) are not counted.
 */
async function main(): Promise<void> {
  const config = readBenchConfig(process.env, path.resolve(BENCH_ROOT, '..', 'docs', 'benchmarks.md'));
  const items = generateItems(ITEM_COUNT);
  const graph = generateGraph();
  const reportData = generateReportData();
  const results = new Results();
  const servers = new Map<DialectName, string>();
  const startedAt = new Date();
  // Read before the run, right after `npm run bench` built Tessera, so the commit named is the one measured.
  const environment = describeEnvironment(BENCH_ROOT);

  for (const dialect of config.dialects) {
    servers.set(dialect, await benchmarkDialect(dialect, config, { items, graph, report: reportData }, results));
  }

  const report = renderReport({
    results,
    environment,
    servers,
    dialects: config.dialects,
    scenarios: config.scenarios,
    contenders: config.contenders,
    reps: config.reps,
    warmups: config.warmups,
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    methodology: fs.readFileSync(path.join(BENCH_ROOT, 'methodology.md'), 'utf8'),
  });
  process.stdout.write(report);
  if (config.reportFile) {
    fs.writeFileSync(config.reportFile, report);
    process.stderr.write(`report written to ${config.reportFile}\n`);
  }
}

/** Returns the server version for the report. */
async function benchmarkDialect(
  dialect: DialectName,
  config: BenchConfig,
  data: { readonly items: readonly ItemData[]; readonly graph: GraphData; readonly report: ReportData },
  results: Results,
): Promise<string> {
  const { reps, warmups } = config;
  const target = dialectTarget(dialect);
  await ensureDatabase(target);
  const table = await BenchTable.open(target);
  const graphTables = await GraphTables.open(target);
  const reportTables = await ReportTables.open(target);
  const contenders: Contender[] = [];
  const probes: RssProbe[] = [];
  let serverVersion: string;
  try {
    await table.recreate();
    await graphTables.recreate();
    if (config.scenarios.some((scenario) => scenario.id === 'S8')) await reportTables.recreate();
    for (const name of config.contenders) {
      const contender = await loadContender(name, dialect);
      await contender.setup(target);
      contenders.push(contender);
    }
    for (let rep = 1 - warmups; rep <= reps; rep++) {
      const label = rep <= 0 ? `warm-up ${rep + warmups}/${warmups}` : `rep ${rep}/${reps}`;
      const order = rotate(contenders, rep + warmups);
      for (const scenario of config.scenarios) {
        for (const contender of order) {
          if (scenario.runsFor && !scenario.runsFor(contender)) continue;
          const figure = asFigure(await scenario.run({ table, graphTables, reportTables, ...data, contender, target }));
          if (rep > 0) results.record(dialect, scenario.id, contender.name, figure);
          if (rep === reps && config.peakRss && !scenario.ownProcess) probes.push({ dialect, scenario: scenario.id, contender: contender.name });
          process.stderr.write(`${dialect} ${label} ${scenario.id} ${contender.name}: ${describe(figure, scenario.unit)}\n`);
        }
      }
    }
    serverVersion = await table.serverVersion();
  } finally {
    for (const contender of contenders) await contender.teardown();
    await reportTables.close();
    await graphTables.close();
    await table.close();
  }
  // After the timed runs, with this process's contenders closed: each probe is a fresh process.
  await measurePeakRss(probes, results);
  return serverVersion;
}

function asFigure(figure: number | Figure): Figure {
  return typeof figure === 'number' ? { value: figure } : figure;
}

function describe(figure: Figure, unit = 'ms'): string {
  const extras = Object.entries(figure.extras ?? {}).map(([label, value]) => `, ${label} ${value.toFixed(1)}`);
  return `${figure.value.toFixed(1)} ${unit}${extras.join('')}`;
}

function rotate<T>(list: readonly T[], by: number): T[] {
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // Driver errors carry the whole failed statement, which for a 10,000-row batch is megabytes.
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(text.length > 4000 ? `${text.slice(0, 4000)}… (${text.length - 4000} more characters)` : text);
    // A pool left open by a failed contender would otherwise keep the process alive.
    process.exit(1);
  },
);

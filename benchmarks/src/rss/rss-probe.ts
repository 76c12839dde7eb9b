import 'reflect-metadata';
import type { ContenderName } from '../contenders/contender';
import { loadContender } from '../contenders/registry';
import { dialectTarget, type DialectName } from '../dialect-target';
import { BenchTable } from '../fixture/bench-table';
import { GraphTables } from '../fixture/graph-tables';
import { ReportTables } from '../fixture/report-tables';
import { generateGraph } from '../graph-data';
import { generateReportData } from '../report-data';
import { generateItems, ITEM_COUNT } from '../scenario-data';
import { ALL_SCENARIOS } from '../scenarios/all-scenarios';
import { peakRssKiB } from './peak-rss-of-process';

/**
 * One scenario for one contender, once, in this fresh process, on the tables the main run created; prints
 * `{ maxRssKiB }` (VmHWM: the whole process's peak, i.e. Node, the SWC runner, the library, the
 * harness's seeding and the run). Arguments: dialect, scenario id, contender.
 */
async function main(): Promise<void> {
  const [dialect, scenarioId, name] = process.argv.slice(2) as [DialectName, string, ContenderName];
  const scenario = ALL_SCENARIOS.find((candidate) => candidate.id === scenarioId);
  if (!scenario) throw new Error(`unknown scenario ${scenarioId}`);
  const target = dialectTarget(dialect);
  const table = await BenchTable.open(target);
  const graphTables = await GraphTables.open(target);
  const reportTables = await ReportTables.open(target);
  const contender = await loadContender(name, dialect);
  try {
    await contender.setup(target);
    const data = { items: generateItems(ITEM_COUNT), graph: generateGraph(), report: generateReportData() };
    await scenario.run({ table, graphTables, reportTables, ...data, contender, target });
  } finally {
    await contender.teardown();
    await reportTables.close();
    await graphTables.close();
    await table.close();
  }
  process.stdout.write(`${JSON.stringify({ maxRssKiB: peakRssKiB() })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(text.length > 4000 ? `${text.slice(0, 4000)}…` : text);
    process.exit(1);
  },
);

import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { DIALECT_NAMES, type DialectName } from './dialect-target';
import { ensureDatabase } from './fixture/ensure-database';
import { markdownTable } from './report/markdown-table';
import { seedStreamItems } from './stream-memory/seed-stream-items';
import { STREAM_ROWS } from './stream-memory/stream-item';
import { BATCH_SIZE, type ProbeResult, type ReadMode } from './stream-memory/stream-memory-probe';
import { streamTarget } from './stream-memory/stream-target';

const MODES: readonly ReadMode[] = ['stream', 'stream-rows', 'find'];

const HOW: Record<ReadMode, string> = {
  stream: `em.stream(StreamItem, {}, { orderBy: { id: 'asc' }, batchSize: ${BATCH_SIZE} })`,
  'stream-rows': `em.qb(StreamItem).select(['id', 'amount']).orderBy(..).stream({ batchSize: ${BATCH_SIZE} })`,
  find: `em.find(StreamItem, {}, { orderBy: { id: 'asc' } })`,
};

/**
 * Memory of reading 1,000,000 rows per dialect: streamed (entities, and a builder's plain rows) next to one
 * buffered `find`. Each read runs in a fresh process (stream-memory-probe.ts) so the peak RSS the OS reports is
 * that read's alone. Prints a markdown report. `BENCH_DIALECTS=sqlite,postgres` narrows the dialects.
 */
async function main(): Promise<void> {
  const dialects = (process.env.BENCH_DIALECTS?.split(',') as DialectName[] | undefined) ?? DIALECT_NAMES;
  const results: ProbeResult[] = [];
  for (const dialect of dialects) {
    const target = streamTarget(dialect);
    await ensureDatabase(target);
    process.stderr.write(`${dialect}: seeding ${STREAM_ROWS} rows\n`);
    await seedStreamItems(target, STREAM_ROWS);
    for (const mode of MODES) {
      process.stderr.write(`${dialect}: ${mode}\n`);
      results.push(runProbe(dialect, mode));
    }
  }
  process.stdout.write(report(results));
}

function runProbe(dialect: DialectName, mode: ReadMode): ProbeResult {
  const probe = path.join(__dirname, 'stream-memory', 'stream-memory-probe.ts');
  const register = path.join(__dirname, '..', 'register.js');
  const out = execFileSync(process.execPath, ['--expose-gc', '-r', register, probe, dialect, mode], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as ProbeResult;
}

function report(results: readonly ProbeResult[]): string {
  const mib = (n: number) => n.toFixed(0);
  const rows = results.map((r) => [
    r.dialect,
    r.mode,
    mib(r.rssBefore),
    mib(r.rssPeak),
    `+${mib(r.rssPeak - r.rssBefore)}`,
    r.rssAlong.length > 0 ? r.rssAlong.map(mib).join(' / ') : '—',
    mib(r.rssAfter),
    mib(r.heapPeak),
    r.seconds.toFixed(1),
  ]);
  return [
    `Reading ${STREAM_ROWS.toLocaleString('en-US')} rows of \`stream_item\` (id, name, email, amount), Node ${process.version}; memory in MiB.`,
    '',
    ...MODES.map((mode) => `- \`${mode}\`: \`${HOW[mode]}\``),
    '',
    markdownTable(
      ['dialect', 'read', 'RSS before', 'RSS peak', 'peak − before', 'RSS at 10% / 50% / 100% of rows', 'RSS after', 'heap peak', 'seconds'],
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      rows,
    ),
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

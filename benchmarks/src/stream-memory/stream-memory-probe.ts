import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Orm } from 'tessera-orm';
import type { DialectName } from '../dialect-target';
import { expectedSum, STREAM_ROWS, StreamItem } from './stream-item';
import { streamTarget } from './stream-target';

/** How a probe reads the table: entities streamed, plain rows streamed from a builder's select, or one buffered find. */
export type ReadMode = 'stream' | 'stream-rows' | 'find';

/** One probe's figures, in MiB and seconds. */
export interface ProbeResult {
  readonly dialect: DialectName;
  readonly mode: ReadMode;
  readonly rows: number;
  readonly seconds: number;
  readonly rssBefore: number;
  /** The process's peak resident set (getrusage maxrss): what the OS had to give it at the worst moment. */
  readonly rssPeak: number;
  readonly rssAfter: number;
  /** A stream's RSS when 10%, 50% and 100% of the rows were read (flat memory: about equal); empty for find. */
  readonly rssAlong: readonly number[];
  /** Highest V8 heap use seen every 4,096 rows of a stream, or by a 10 ms sampler while a find buffers. */
  readonly heapPeak: number;
}

export const BATCH_SIZE = 1000;

const MiB = 1024 * 1024;

/**
 * One measurement in a fresh process (started by stream-memory.ts), so that the peak RSS the OS reports is this
 * read's alone. Prints its ProbeResult as one JSON line.
 */
async function probe(dialect: DialectName, mode: ReadMode): Promise<ProbeResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the probe with node --expose-gc');
  const orm = await Orm.init({ dialect, url: streamTarget(dialect).url, entities: [StreamItem] });
  const em = orm.em.fork();
  gc();
  const rssBefore = process.memoryUsage().rss;
  let heapPeak = 0;
  const sample = () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));
  const rssAlong: number[] = [];
  const checkpoints = new Set([STREAM_ROWS / 10, STREAM_ROWS / 2, STREAM_ROWS]);
  const along = (row: number) => checkpoints.has(row) && rssAlong.push(process.memoryUsage().rss / MiB);
  // A timer alone would miss SQLite: its stream runs in microtasks only, never yielding to the event loop.
  const sampler = setInterval(sample, 10);
  const started = performance.now();
  let rows = 0;
  let sum = 0;
  if (mode === 'stream') {
    for await (const item of em.stream(StreamItem, {}, { orderBy: { id: 'asc' }, batchSize: BATCH_SIZE })) {
      if ((++rows & 4095) === 0) sample();
      along(rows);
      sum += item.amount;
    }
  } else if (mode === 'stream-rows') {
    for await (const row of em.qb(StreamItem).select(['id', 'amount']).orderBy({ id: 'asc' }).stream({ batchSize: BATCH_SIZE })) {
      if ((++rows & 4095) === 0) sample();
      along(rows);
      sum += row.amount;
    }
  } else {
    const items = await em.find(StreamItem, {}, { orderBy: { id: 'asc' } });
    sample();
    for (const item of items) sum += item.amount;
    rows = items.length;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rssPeak = process.resourceUsage().maxRSS * 1024;
  if (rows !== STREAM_ROWS || sum !== expectedSum(STREAM_ROWS)) throw new Error(`${dialect} ${mode} read ${rows} rows summing to ${sum}`);
  em.clear();
  gc();
  const rssAfter = process.memoryUsage().rss;
  await orm.close();
  return { dialect, mode, rows, seconds, rssBefore: rssBefore / MiB, rssPeak: rssPeak / MiB, rssAfter: rssAfter / MiB, rssAlong, heapPeak: heapPeak / MiB };
}

if (require.main === module) {
  const [dialect, mode] = process.argv.slice(2) as [DialectName, ReadMode];
  probe(dialect, mode).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

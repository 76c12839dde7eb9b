import 'reflect-metadata';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { Orm, type ChangeFeedOptions } from 'tessera-orm';
import { FEED_CASES, REDIS_URL, feedTarget, type FeedCase } from './change-feed-latency/feed-target';
import { FeedBenchUser } from './change-feed-latency/feed-user';
import { ensureDatabase } from './fixture/ensure-database';
import { markdownTable } from './report/markdown-table';

const EVENTS = Number(process.env.BENCH_FEED_EVENTS ?? 1000);
/** Events sent first and left out of the figures (JIT, connection and statement warm-up). */
const WARMUP = 50;

interface CaseResult {
  readonly feedCase: FeedCase;
  /** ms from `flush()` returning in process A to the event arriving in process B, one per event. */
  readonly latencies: readonly number[];
}

/**
 * Change-feed latency: process A (feed-producer.ts) updates a row and notes when each `flush()` returned; this
 * process (B) notes when each event arrives through `orm.changes()`. Both clocks are the machine's
 * (`performance.timeOrigin + now()`). `BENCH_FEED_CASES=postgres:notify,sqlite:redis` narrows the cases,
 * `BENCH_FEED_EVENTS` sets the count (default 1,000, after 50 warm-up events).
 */
async function main(): Promise<void> {
  const wanted = process.env.BENCH_FEED_CASES?.split(',');
  const cases = FEED_CASES.filter((c) => !wanted || wanted.includes(`${c.dialect}:${c.transport}`));
  const results: CaseResult[] = [];
  for (const feedCase of cases) {
    process.stderr.write(`${feedCase.dialect} over ${feedCase.transport}: ${EVENTS} events\n`);
    results.push(await measure(feedCase));
  }
  process.stdout.write(report(results));
}

async function measure(feedCase: FeedCase): Promise<CaseResult> {
  const target = feedTarget(feedCase.dialect);
  await ensureDatabase(target);
  const prefix = `tessera-bench:feed:${process.pid}:`;
  const changeFeed: ChangeFeedOptions = feedCase.transport === 'redis' ? { redis: REDIS_URL, streamPrefix: prefix } : {};
  const orm = await Orm.init({ dialect: target.dialect, url: target.url, entities: [FeedBenchUser], changeFeed: { ...changeFeed, relay: false } });
  try {
    await orm.schema.drop();
    await orm.schema.create();
    const em = orm.em.fork();
    em.create(FeedBenchUser, { email: 'a@x.io', seq: 0 });
    await em.flush();
    await em.sql`delete from tessera_change_outbox`;

    const feed = orm.changes(FeedBenchUser);
    await feed.ready;
    const total = WARMUP + EVENTS;
    const arrived = new Map<number, number>();
    const consuming = (async () => {
      for await (const event of feed) {
        arrived.set(event.values.seq as number, performance.timeOrigin + performance.now());
        if (arrived.size === total) break;
      }
    })();
    const flushed = parseProducer(await producer(target.dialect, target.url, changeFeed, total));
    await consuming;
    const latencies: number[] = [];
    for (let seq = WARMUP + 1; seq <= total; seq++) latencies.push((arrived.get(seq) as number) - (flushed.get(seq) as number));
    return { feedCase, latencies };
  } finally {
    await orm.close();
    if (feedCase.transport === 'redis') await dropStreams(prefix);
  }
}

function producer(dialect: string, url: string, changeFeed: ChangeFeedOptions, events: number): Promise<string> {
  const script = path.join(__dirname, 'change-feed-latency', 'feed-producer.ts');
  const register = path.join(__dirname, '..', 'register.js');
  const child = spawn(process.execPath, ['-r', register, script, dialect, url, JSON.stringify(changeFeed), String(events)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`the producer exited with ${code}`))));
  });
}

function parseProducer(out: string): Map<number, number> {
  const flushed = new Map<number, number>();
  for (const line of out.split('\n')) {
    const [seq, time] = line.split(' ');
    if (time) flushed.set(Number(seq), Number(time));
  }
  return flushed;
}

async function dropStreams(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function report(results: readonly CaseResult[]): string {
  const ms = (n: number) => n.toFixed(2);
  const rows = results.map(({ feedCase, latencies }) => {
    const sorted = [...latencies].sort((a, b) => a - b);
    return [feedCase.dialect, feedCase.transport, String(sorted.length), ms(sorted[0]), ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1])];
  });
  return [
    `Change-feed latency, from \`flush()\` returning in process A to the event arriving in process B's \`orm.changes()\` iterator, one row updated per flush (3 ms apart), Node ${process.version}; ms, after ${WARMUP} warm-up events.`,
    '',
    markdownTable(['dialect', 'transport', 'events', 'min', 'p50', 'p90', 'p99', 'max'], ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'], rows),
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

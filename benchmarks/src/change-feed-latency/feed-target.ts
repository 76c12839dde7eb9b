import path from 'node:path';
import { dialectTarget, type DialectName, type DialectTarget } from '../dialect-target';

/** How events travel: the database's own notifications (PostgreSQL) or Redis Streams. */
export type FeedTransport = 'notify' | 'redis';

/** One measured pairing. */
export interface FeedCase {
  readonly dialect: DialectName;
  readonly transport: FeedTransport;
}

export const FEED_CASES: readonly FeedCase[] = [
  { dialect: 'postgres', transport: 'notify' },
  { dialect: 'sqlite', transport: 'redis' },
  { dialect: 'postgres', transport: 'redis' },
  { dialect: 'mariadb', transport: 'redis' },
];

export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The latency benchmark's own databases (`tessera_feed_bench`), so it never races the main run's resets. */
export function feedTarget(dialect: DialectName): DialectTarget {
  const target = dialectTarget(dialect);
  if (dialect === 'sqlite') return { dialect, url: path.join(path.dirname(target.url), 'tessera-feed-bench.sqlite') };
  const url = new URL(target.url);
  url.pathname = '/tessera_feed_bench';
  return { dialect, url: url.toString() };
}

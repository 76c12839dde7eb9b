/**
 * One racer process for the cache's cross-process test: `node -r scripts/register.js test/support/cache-race-child.ts
 * <dialect> <url> <redis url> <prefix> <writers as JSON> <readers> <seconds>`. Its Orm caches in Redis under
 * `<prefix>`; the acknowledged versions are Redis keys `<prefix>race-ack:<id>` beside it. Prints `ready`, waits for
 * a line on stdin (every racer starts together), races, then prints its RaceTally as JSON.
 */
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { Orm, type DialectName } from '../../src';
import { COUNTER_ENTITIES } from './cache-entities';
import { race, type AckBoard } from './cache-race';

class RedisAckBoard implements AckBoard {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async acknowledge(id: number, version: number): Promise<void> {
    // One writer per row: its versions arrive in order.
    await this.redis.set(`${this.prefix}race-ack:${id}`, String(version));
  }

  async acknowledged(id: number): Promise<number> {
    return Number((await this.redis.get(`${this.prefix}race-ack:${id}`)) ?? 0);
  }
}

async function main(): Promise<void> {
  const [dialect, url, redisUrl, prefix, writers, readers, seconds] = process.argv.slice(2);
  const orm = await Orm.init({
    dialect: dialect as DialectName,
    url,
    entities: COUNTER_ENTITIES,
    pool: { min: 0, max: 4 },
    busyTimeoutMs: 30_000,
    cache: { store: 'redis', redis: redisUrl, prefix },
  });
  const redis = new Redis(redisUrl);
  try {
    process.stdout.write('ready\n');
    await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
    const tally = await race(orm, new RedisAckBoard(redis, prefix), {
      writers: JSON.parse(writers) as number[],
      readers: Number(readers),
      seconds: Number(seconds),
      name: `process ${process.pid}`,
    });
    process.stdout.write(`${JSON.stringify(tally)}\n`);
  } finally {
    redis.disconnect();
    await orm.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(String((error as Error).stack ?? error));
    process.exit(1);
  },
);

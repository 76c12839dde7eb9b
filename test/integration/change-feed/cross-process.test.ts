import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import Redis from 'ioredis';
import type { ChangeFeedOptions } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { FEED_ENTITIES, FeedUser } from '../../support/change-feed-entities';
import { expectScenario, take } from '../../support/change-feed-scenario';

const OUTBOX = 'tessera_change_outbox';
const REDIS_URL = 'redis://127.0.0.1:6379';
const root = resolve(__dirname, '../../..');

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
}

/** Runs test/support/change-feed-child.ts against the suite's database. */
function child(fx: Fixture, mode: string, changeFeed: ChangeFeedOptions): Promise<Exit> {
  const proc = spawn(process.execPath, ['-r', './scripts/register.js', 'test/support/change-feed-child.ts', fx.dialect, fx.url, mode, JSON.stringify(changeFeed)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  return new Promise((done, fail) => {
    proc.once('error', fail);
    proc.once('exit', (code, signal) => done({ code, signal, stdout }));
  });
}

/**
 * The consumer is this (jest) process, through the fixture's Orm, which does not relay; the writer and the relay
 * are child processes.
 */
function crossProcess(fx: Fixture, changeFeed: () => ChangeFeedOptions): void {
  it('delivers another process’s committed changes in commit order, filtered by where', async () => {
    const feed = fx.orm.changes(FeedUser, { where: { tenantId: 7 } });
    await feed.ready;
    const exit = await child(fx, 'produce', changeFeed());
    expect(exit).toEqual({ code: 0, signal: null, stdout: 'relayed\n' });
    expectScenario(await take(feed, 5));
    expect(await fx.raw.count(OUTBOX)).toBe(0);
  });

  it('loses nothing when the writer dies between commit and publish: a restarted relay publishes it', async () => {
    const em = fx.orm.em.fork();
    em.create(FeedUser, { email: 'ada@x.io', tenantId: 7 });
    await em.flush();
    await fx.raw.exec(`delete from ${OUTBOX}`);
    const feed = fx.orm.changes(FeedUser);
    await feed.ready;

    const died = await child(fx, 'die-after-commit', changeFeed());
    expect([died.signal, died.stdout]).toEqual(['SIGKILL', '']);
    // Committed (the row changed) and not published (still in the outbox).
    expect((await fx.raw.rows('feed_users')).map((r) => r.email)).toEqual(['ada@z.io']);
    expect(await fx.raw.count(OUTBOX)).toBe(1);

    const relayed = await child(fx, 'relay', changeFeed());
    expect(relayed).toEqual({ code: 0, signal: null, stdout: 'relayed\n' });
    const [event] = await take(feed, 1);
    expect([event.op, event.key, event.changed]).toEqual(['update', 1, { email: ['ada@x.io', 'ada@z.io'] }]);
    expect(await fx.raw.count(OUTBOX)).toBe(0);
  });
}

describe('Redis Streams', () => {
  const prefix = `tessera-test:${process.pid}:${Date.now()}:`;
  const changeFeed = { redis: REDIS_URL, streamPrefix: prefix };

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  describeEachDialect(FEED_ENTITIES, (fx) => crossProcess(fx, () => changeFeed), { changeFeed: { ...changeFeed, relay: false } });
});

describe('PostgreSQL LISTEN/NOTIFY', () => {
  describeEachDialect(FEED_ENTITIES, (fx) => crossProcess(fx, () => ({})), { dialects: ['postgres'], changeFeed: { relay: false } });
});

import Redis from 'ioredis';
import { Orm, UsageError, type ChangeFeedOptions, type OrmOptions } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { FEED_ENTITIES, FeedUser } from '../../support/change-feed-entities';
import { take } from '../../support/change-feed-scenario';

const OUTBOX = 'tessera_change_outbox';
const REDIS_URL = 'redis://127.0.0.1:6379';
const RETENTION = 60_000;

/** An Orm over the fixture's database with the change feed `changeFeed`. */
function open(fx: Fixture, changeFeed: ChangeFeedOptions, extra: Partial<OrmOptions> = {}): Promise<Orm> {
  return Orm.init({ dialect: fx.dialect, url: fx.url, entities: FEED_ENTITIES, changeFeed, pool: { min: 0, max: 3 }, ...extra });
}

/** Waits (loosely bounded) until every outbox row has been published by a relay pass. */
async function relayed(fx: Fixture, rows: number): Promise<void> {
  for (let i = 0; i < 250; i++) {
    const all = await fx.raw.rows(OUTBOX);
    if (all.length >= rows && all.every((r) => r.relay_pass !== null)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the relay did not publish the outbox');
}

function emails(events: readonly { op: string; values: { email?: string } }[]): string[] {
  return events.map((e) => `${e.op} ${e.values.email}`);
}

/**
 * `transport` is where the consumer runs: with a local transport only the relaying process's own consumers get
 * events, so the consumer is the writer's Orm; with NOTIFY or Redis it is an Orm of its own, restarted.
 */
function resumeSuite(fx: Fixture, changeFeed: () => ChangeFeedOptions, crossProcess: boolean): void {
  it('a consumer resumes after the last event it saw, across its restart, and gets what it missed in order', async () => {
    const writer = await open(fx, { ...changeFeed(), retention: RETENTION });
    const consumerOrm = () => (crossProcess ? open(fx, { ...changeFeed(), relay: false, retention: RETENTION }) : Promise.resolve(writer));
    try {
      let consumer = await consumerOrm();
      const first = consumer.changes(FeedUser);
      await first.ready;
      const em = writer.em.fork();
      const [ada, bob] = [em.create(FeedUser, { email: 'ada@x.io', tenantId: 7 }), em.create(FeedUser, { email: 'bob@x.io', tenantId: 7 })];
      await em.flush();
      const seen = await take(first, 2);
      expect(emails(seen)).toEqual(['insert ada@x.io', 'insert bob@x.io']);
      await first.close();
      if (crossProcess) await consumer.close();

      // While the consumer is down: three more changes, in three transactions, published and kept.
      ada.email = 'ada@y.io';
      await em.flush();
      em.create(FeedUser, { email: 'cy@x.io', tenantId: 8 });
      await em.flush();
      em.remove(bob);
      await em.flush();
      await relayed(fx, 5);

      consumer = await consumerOrm();
      try {
        const resumed = consumer.changes(FeedUser, { after: seen[1].id });
        await resumed.ready;
        em.create(FeedUser, { email: 'dee@x.io', tenantId: 7 });
        await em.flush();
        const events = await take(resumed, 4);
        expect(emails(events)).toEqual(['update ada@y.io', 'insert cy@x.io', 'delete bob@x.io', 'insert dee@x.io']);
        expect(events[0].changed).toEqual({ email: ['ada@x.io', 'ada@y.io'] });
        expect(new Set([...seen, ...events].map((e) => e.id)).size).toBe(6);
        await resumed.close();
      } finally {
        if (crossProcess) await consumer.close();
      }
    } finally {
      await writer.close();
    }
  });

  it('a consumer that falls behind its maxQueue catches up from the outbox: every event, in order, once', async () => {
    const writer = await open(fx, { ...changeFeed(), retention: RETENTION });
    const consumer = crossProcess ? await open(fx, { ...changeFeed(), relay: false, retention: RETENTION }) : writer;
    const reads: string[] = [];
    consumer.on('query', (q) => {
      // The catch-up's reads of published rows (the relay's own read takes the unpublished ones).
      if (q.sql.includes(OUTBOX) && /relay_pass\W*\s*>/.test(q.sql)) reads.push(q.sql);
    });
    try {
      const feed = consumer.changes(FeedUser, { maxQueue: 4 });
      await feed.ready;
      const em = writer.em.fork();
      const users = Array.from({ length: 12 }, (_, i) => em.create(FeedUser, { email: `u${i}@x.io`, tenantId: i }));
      await em.flush();
      for (const user of users) user.tenantId += 100;
      await em.flush();
      await relayed(fx, 24);
      const events = await take(feed, 24);
      expect(events.map((e) => `${e.op} ${e.key}`)).toEqual([...users.map((u) => `insert ${u.id}`), ...users.map((u) => `update ${u.id}`)]);
      expect(new Set(events.map((e) => e.id)).size).toBe(24);
      // It read the outbox to catch up: the queue never held the 24 events at once.
      expect(reads.length).toBeGreaterThan(0);
      // Live again: the next change comes through the transport.
      users[0].email = 'last@x.io';
      await em.flush();
      expect(emails(await take(feed, 1))).toEqual(['update last@x.io']);
      await feed.close();
    } finally {
      if (crossProcess) await consumer.close();
      await writer.close();
    }
  });
}

describeEachDialect(
  FEED_ENTITIES,
  (fx) => {
    resumeSuite(fx, () => ({}), fx.dialect === 'postgres');

    it('without a retention, a full queue ends the feed with a UsageError after what it queued', async () => {
      const orm = await open(fx, {});
      try {
        const feed = orm.changes(FeedUser, { maxQueue: 3 });
        await feed.ready;
        const em = orm.em.fork();
        for (let i = 0; i < 5; i++) em.create(FeedUser, { email: `u${i}@x.io`, tenantId: 1 });
        await em.flush();
        await relayed(fx, 0);
        for (let i = 0; i < 100 && (await fx.raw.count(OUTBOX)) > 0; i++) await new Promise((r) => setTimeout(r, 20));
        expect((await take(feed, 3)).map((e) => e.key)).toEqual([1, 2, 3]);
        const error = await feed.next().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UsageError);
        expect(String(error)).toContain('The change feed of FeedUser fell 3 events behind its consumer (maxQueue) and ended');
      } finally {
        await orm.close();
      }
    });

    it('refuses after without a retention, an id the outbox does not hold, and a bad maxQueue or retention', async () => {
      expect(() => fx.orm.changes(FeedUser, { after: 'x.1' })).toThrow(UsageError);
      expect(() => fx.orm.changes(FeedUser, { after: 'x.1' })).toThrow('orm.changes(FeedUser, { after }) needs the Orm option changeFeed.retention');
      expect(() => fx.orm.changes(FeedUser, { maxQueue: 0 })).toThrow("The change feed's maxQueue must be a positive integer, not 0.");
      await expect(open(fx, { retention: -1 })).rejects.toThrow("The change feed's retention must be a number of ms, 0 or more, not -1.");
      const orm = await open(fx, { retention: RETENTION });
      try {
        const feed = orm.changes(FeedUser, { after: 'no-such.1' });
        await expect(feed.ready).rejects.toThrow('orm.changes(FeedUser, { after: "no-such.1" }): the outbox holds no published change with that id');
        await expect(feed.next()).rejects.toThrow(UsageError);
      } finally {
        await orm.close();
      }
    });

    it('deletes published rows older than the retention, but the last pass', async () => {
      const orm = await open(fx, { retention: 1, sweepIntervalMs: 20 });
      try {
        const em = orm.em.fork();
        em.create(FeedUser, { email: 'a@x.io', tenantId: 1 });
        await em.flush();
        await relayed(fx, 1);
        em.create(FeedUser, { email: 'b@x.io', tenantId: 1 });
        await em.flush();
        for (let i = 0; i < 250 && (await fx.raw.count(OUTBOX)) !== 1; i++) await new Promise((r) => setTimeout(r, 20));
        const rows = await fx.raw.rows(OUTBOX);
        expect(rows.map((r) => JSON.parse(String(r.payload)).v.email)).toEqual(['b@x.io']);
      } finally {
        await orm.close();
      }
    });
  },
  { changeFeed: { relay: false } },
);

describe('Redis Streams', () => {
  const prefix = `tessera-test:${process.pid}:${Date.now()}:resume:`;

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  describeEachDialect(FEED_ENTITIES, (fx) => resumeSuite(fx, () => ({ redis: REDIS_URL, streamPrefix: prefix }), true), {
    changeFeed: { redis: REDIS_URL, streamPrefix: prefix, relay: false },
  });
});

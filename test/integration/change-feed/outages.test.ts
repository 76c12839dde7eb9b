import { ConnectionError, Orm } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { FEED_ENTITIES, FeedUser } from '../../support/change-feed-entities';
import { take } from '../../support/change-feed-scenario';
import { OwnRedis } from '../../support/own-redis';

const OUTBOX = 'tessera_change_outbox';

/** Waits until `condition` holds, checking every 20 ms. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describeEachDialect(
  FEED_ENTITIES,
  (fx) => {
    let redis: OwnRedis;
    beforeAll(async () => {
      redis = await OwnRedis.create();
      await redis.start();
    });
    afterAll(() => redis?.destroy());

    it('keeps committing through a Redis outage and publishes what waited in the outbox once Redis is back', async () => {
      const orm = await Orm.init({ dialect: 'sqlite', url: fx.url, entities: FEED_ENTITIES, changeFeed: { redis: redis.url, sweepIntervalMs: 50 } });
      const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      try {
        const feed = orm.changes(FeedUser);
        await feed.ready;
        const em = orm.em.fork();
        em.create(FeedUser, { email: 'ada@x.io', tenantId: 7 });
        await em.flush();
        expect((await take(feed, 1)).map((e) => e.key)).toEqual([1]);

        await redis.kill();
        // The relay fails before taking SQLite's write lock: flushes go on, one after another.
        em.create(FeedUser, { email: 'bob@x.io', tenantId: 7 });
        await em.flush();
        em.create(FeedUser, { email: 'cy@x.io', tenantId: 7 });
        await em.flush();
        // A failed pass is a warning, and leaves the rows where they were.
        await until(() => warn.mock.calls.some((call) => (call as unknown[])[1] === 'TesseraChangeFeedWarning'));
        expect(await fx.raw.count(OUTBOX)).toBe(2);

        await redis.start();
        expect((await take(feed, 2)).map((e) => [e.op, e.key])).toEqual([
          ['insert', 2],
          ['insert', 3],
        ]);
      } finally {
        await orm.close();
        warn.mockRestore();
      }
    });
  },
  { dialects: ['sqlite'], changeFeed: { relay: false } },
);

describeEachDialect(
  FEED_ENTITIES,
  (fx) => {
    it('ends a feed whose PostgreSQL listener connection is lost with a ConnectionError; a new feed listens anew', async () => {
      const orm = await Orm.init({ dialect: 'postgres', url: fx.url, entities: FEED_ENTITIES, changeFeed: {}, pool: { min: 0, max: 2 } });
      try {
        const feed = orm.changes(FeedUser);
        await feed.ready;
        const next = feed.next();
        await orm.em.fork().sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %'`;
        await expect(next).rejects.toThrow(ConnectionError);
        await expect(next).rejects.toThrow(/change feed's PostgreSQL listener connection was lost/);

        const again = orm.changes(FeedUser);
        await again.ready;
        const em = orm.em.fork();
        em.create(FeedUser, { email: 'ada@x.io', tenantId: 7 });
        await em.flush();
        expect((await take(again, 1)).map((e) => e.key)).toEqual([1]);
      } finally {
        await orm.close();
      }
    });
  },
  { dialects: ['postgres'], changeFeed: { relay: false } },
);

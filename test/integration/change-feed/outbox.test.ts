import { Orm, QueryError, UsageError } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { FEED_ENTITIES, FeedLog, FeedPost, FeedUser } from '../../support/change-feed-entities';
import { expectScenario, produce, take } from '../../support/change-feed-scenario';

const OUTBOX = 'tessera_change_outbox';

/** The outbox INSERTs among the statements sent. */
function outboxInserts(fx: Fixture): string[] {
  return fx.sent('insert').map((q) => q.sql).filter((sql) => sql.includes(OUTBOX));
}

/** A second Orm over the fixture's database whose relay runs (the fixture's does not: its outbox keeps its rows). */
async function withRelay<R>(fx: Fixture, body: (orm: Orm) => Promise<R>): Promise<R> {
  const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: FEED_ENTITIES, changeFeed: {}, pool: { min: 0, max: 3 } });
  try {
    return await body(orm);
  } finally {
    await orm.close();
  }
}

describeEachDialect(
  FEED_ENTITIES,
  (fx) => {
    it('writes a flush of 1,000 changes to the outbox in one INSERT, inside the flush transaction', async () => {
      const em = fx.orm.em.fork();
      const users = Array.from({ length: 1000 }, (_, i) => em.create(FeedUser, { email: `u${i}@x.io`, tenantId: i % 3 }));
      await em.flush();
      expect(outboxInserts(fx)).toHaveLength(1);
      const commit = fx.queries.findIndex((q) => q.sql.toLowerCase() === 'commit');
      expect(fx.queries.findIndex((q) => q.sql.includes(OUTBOX))).toBeLessThan(commit);
      expect(await fx.raw.count(OUTBOX)).toBe(1000);

      fx.queries.length = 0;
      for (const user of users) user.tenantId += 10;
      await em.flush();
      expect(outboxInserts(fx)).toHaveLength(1);
      const rows = await fx.raw.rows(OUTBOX);
      expect(rows).toHaveLength(2000);
      const last = rows[1999];
      expect([last.entity, last.op]).toEqual(['FeedUser', 'update']);
      expect(JSON.parse(String(last.payload))).toMatchObject({ k: 1000, c: { tenantId: [0, 10] }, v: { id: 1000, tenantId: 10 } });
    });

    it('writes nothing for a flush that rolls back', async () => {
      const em = fx.orm.em.fork();
      const failed = em.transactional(async (tx) => {
        tx.create(FeedUser, { email: 'ada@x.io', tenantId: 7 });
        await tx.flush();
        throw new Error('changed my mind');
      });
      await expect(failed).rejects.toThrow('changed my mind');
      expect(await fx.raw.count(OUTBOX)).toBe(0);
      expect(await fx.raw.count('feed_users')).toBe(0);
    });

    it('writes an unpublished entity only while this process follows it', async () => {
      const em = fx.orm.em.fork();
      em.create(FeedLog, { line: 'one' });
      await em.flush();
      expect(await fx.raw.count(OUTBOX)).toBe(0);

      const feed = fx.orm.changes(FeedLog);
      em.create(FeedLog, { line: 'two' });
      await em.flush();
      expect((await fx.raw.rows(OUTBOX)).map((r) => r.entity)).toEqual(['FeedLog']);

      await feed.close();
      em.create(FeedLog, { line: 'three' });
      await em.flush();
      expect(await fx.raw.count(OUTBOX)).toBe(1);
    });

    it('delivers committed changes to a feed in commit order, filtered by where, and empties the outbox', async () => {
      await withRelay(fx, async (orm) => {
        const feed = orm.changes(FeedUser, { where: { tenantId: 7 } });
        const posts = orm.changes(FeedPost);
        await Promise.all([feed.ready, posts.ready]);
        await produce(orm);
        expectScenario(await take(feed, 5));
        expect((await take(posts, 1)).map((e) => [e.op, e.values.body])).toEqual([['insert', 'hello']]);
        // A relay's pass deletes what it published: wait for the last one (the delete's) to commit.
        for (let i = 0; i < 100 && (await fx.raw.count(OUTBOX)) > 0; i++) await new Promise((r) => setTimeout(r, 20));
        expect(await fx.raw.count(OUTBOX)).toBe(0);
      });
    });

    it('delivers a change larger than one notification whole (PostgreSQL sends it in parts)', async () => {
      await withRelay(fx, async (orm) => {
        const feed = orm.changes(FeedUser);
        await feed.ready;
        const em = orm.em.fork();
        const prefs = { notes: Array.from({ length: 3000 }, (_, i) => `note ${i} ✓`) };
        em.create(FeedUser, { email: 'ada@x.io', tenantId: 7, prefs });
        em.create(FeedUser, { email: 'bob@x.io', tenantId: 7 });
        await em.flush();
        const events = await take(feed, 2);
        expect(JSON.stringify(prefs).length).toBeGreaterThan(30_000);
        expect(events.map((e) => [e.key, e.values.prefs])).toEqual([
          [1, prefs],
          [2, null],
        ]);
      });
    });

    it('ends a waiting feed when the Orm closes', async () => {
      const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: FEED_ENTITIES, changeFeed: {}, pool: { min: 0, max: 2 } });
      const feed = orm.changes(FeedUser);
      await feed.ready;
      const next = feed.next();
      await orm.close();
      await expect(next).resolves.toEqual({ value: undefined, done: true });
    });

    it('refuses a where on an unknown property, and a feed when the change feed is off', async () => {
      expect(() => fx.orm.changes(FeedUser, { where: { nope: 1 } as never })).toThrow(QueryError);
      expect(() => fx.orm.changes(FeedUser, { where: { tenantId: { $near: 1 } } as never })).toThrow(QueryError);
      // On, the outbox is a table of the schema like an entity's.
      expect(fx.orm.schema.createSql().join('\n')).toContain(OUTBOX);
      expect(await fx.raw.count(OUTBOX)).toBe(0);
      const off = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [FeedLog], pool: { min: 0, max: 1 } });
      try {
        expect(() => off.changes(FeedLog)).toThrow(UsageError);
        expect(() => off.changes(FeedLog)).toThrow(/orm\.changes\(FeedLog\) needs the change feed/);
        expect(off.schema.createSql().join('\n')).not.toContain(OUTBOX);
      } finally {
        await off.close();
      }
    });
  },
  { changeFeed: { relay: false } },
);

import { Orm, type OrmOptions } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { COUNTER_ENTITIES, Counter } from '../../support/cache-entities';
import { dropRedisPrefix, SHARED_REDIS_URL, testRedisPrefix } from '../../support/redis-prefix';
import { TcpProxy } from '../../support/tcp-proxy';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited 10 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Two Orms (two processes' worth of state) on one database and one Redis prefix; the reader's database behind a proxy. */
async function pair(fx: Fixture, prefix: string, proxy: TcpProxy): Promise<{ reader: Orm; writer: Orm }> {
  const options = (url: string): OrmOptions => ({ dialect: fx.dialect, url, entities: COUNTER_ENTITIES, pool: { min: 0, max: 1 }, cache: { store: 'redis', redis: SHARED_REDIS_URL, prefix } });
  return { reader: await Orm.init(options(proxy.url(fx.url))), writer: await Orm.init(options(fx.url)) };
}

// The race the lease protocol exists for, played in order: it needs a database answer that can be held back in the
// network, so a server dialect.
describeEachDialect(
  COUNTER_ENTITIES,
  (fx) => {
    const prefix = `${testRedisPrefix('cache-slow-reader')}${fx.dialect}:`;
    afterAll(() => dropRedisPrefix(prefix));

    it('a reader whose database answer arrives after another Orm committed and invalidated cannot put the old row in the cache', async () => {
      const proxy = await TcpProxy.inFrontOf(fx.url);
      const { reader, writer } = await pair(fx, prefix, proxy);
      try {
        const em = writer.em.fork();
        em.create(Counter, { id: 1, version: 1, owner: 'w' });
        await em.flush();
        // The reader's connection is open, so the reply held below is its SELECT's.
        await reader.em.fork().sql`select 1 as one`;

        proxy.holdReplies();
        const reading = reader.em.fork().findOne(Counter, 1);
        await until(() => proxy.heldReplies > 0, "the database's answer to the reader");
        // In a transaction the writer's own read skips the cache: the reader's lease goes by the commit's invalidation.
        await writer.em.fork().transactional(async (tx) => {
          (await tx.findOneOrFail(Counter, 1)).version = 2;
        });
        proxy.releaseReplies();
        // Its read began before the commit (version 1 is a correct answer for it) ...
        expect((await reading)?.version).toBe(1);
        expect(reader.cache.stats().sets).toBe(0);

        // ... but what it read did not reach the cache.
        expect((await reader.em.fork().findOne(Counter, 1))?.version).toBe(2);
        expect((await writer.em.fork().findOne(Counter, 1))?.version).toBe(2);
      } finally {
        proxy.releaseReplies();
        await reader.close();
        await writer.close();
        await proxy.close();
      }
    });
  },
  { dialects: ['postgres', 'mariadb'] },
);

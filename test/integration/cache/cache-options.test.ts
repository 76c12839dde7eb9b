import { Column, Entity, MetadataError, Orm, PrimaryKey, UsageError, type CacheOptions } from '../../../src';

@Entity({ table: 'opt_items' })
class Item {
  @PrimaryKey() id!: number;
  @Column() name!: string;
}

/** What a misconfigured cache says, before any SQL; and that without the option nothing is cached. */
describe('cache options', () => {
  test('a store other than memory or redis is a UsageError naming the choices', async () => {
    await expect(Orm.init({ entities: [Item], cache: { store: 'memcached' } as unknown as CacheOptions })).rejects.toThrow(
      new UsageError(`Orm.init({ cache }) needs store 'memory' or 'redis' (with redis: a URL or ioredis options), got "memcached".`),
    );
  });

  test('@Entity({ cache }) without a positive ttl is a MetadataError naming the class', async () => {
    @Entity({ table: 'opt_bad', cache: { ttl: 0 } })
    class Bad {
      @PrimaryKey() id!: number;
    }
    await expect(Orm.init({ entities: [Bad], cache: { store: 'memory' } })).rejects.toThrow(MetadataError);
    await expect(Orm.init({ entities: [Bad], cache: { store: 'memory' } })).rejects.toThrow('@Entity({ cache: { ttl } }) of Bad needs ttl as a positive number of seconds, got 0.');
  });

  test("a query's cache option without a positive ttl is a UsageError before any SQL", async () => {
    const orm = await Orm.init({ entities: [Item], cache: { store: 'memory' } });
    try {
      await orm.schema.create();
      const sent: string[] = [];
      orm.on('query', (q) => sent.push(q.sql));
      await expect(orm.em.fork().find(Item, {}, { cache: -1 })).rejects.toThrow(UsageError);
      await expect(orm.em.fork().qb(Item).cache({ ttl: Number.NaN }).getResult()).rejects.toThrow(UsageError);
      expect(sent).toEqual([]);
    } finally {
      await orm.close();
    }
  });

  test('without the cache option, cache options of entities and queries are accepted and nothing is cached', async () => {
    @Entity({ table: 'opt_cached', cache: { ttl: 60 } })
    class Cached {
      @PrimaryKey() id!: number;
    }
    const orm = await Orm.init({ entities: [Cached] });
    try {
      await orm.schema.create();
      const em = orm.em.fork();
      em.create(Cached, { id: 1 });
      await em.flush();
      let selects = 0;
      orm.on('query', (q) => (selects += /^select/i.test(q.sql) ? 1 : 0));
      for (let i = 0; i < 2; i++) {
        await orm.em.fork().findOne(Cached, 1);
        await orm.em.fork().find(Cached, {}, { cache: 60 });
      }
      expect(selects).toBe(4);
      expect(orm.cache.stats()).toEqual({ hits: 0, misses: 0, sets: 0, invalidations: 0, errors: 0 });
      await orm.cache.invalidate(Cached);
      await orm.cache.clear();
    } finally {
      await orm.close();
    }
  });
});

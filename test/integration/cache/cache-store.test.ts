import Redis from 'ioredis';
import type { CacheStore } from '../../../src/cache/cache-store';
import { dropRedisPrefix, SHARED_REDIS_URL, testRedisPrefix } from '../../support/redis-prefix';
import { MemoryStore } from '../../../src/cache/memory-store';
import { RedisStore, type RedisCacheConstructor } from '../../../src/cache/redis-store';

/** The lease protocol of `CacheStore`, pinned on both stores (Redis: the shared server, under a prefix of this file's own). */
const PREFIX = testRedisPrefix('cache-store');

const stores: [string, () => Promise<CacheStore>][] = [
  ['memory', async () => new MemoryStore(100)],
  [
    'redis',
    async () => {
      const store = new RedisStore(Redis as unknown as RedisCacheConstructor, SHARED_REDIS_URL, PREFIX, 1000);
      await store.ready(2000);
      await store.clear();
      return store;
    },
  ],
];

afterAll(() => dropRedisPrefix(PREFIX));

describe.each(stores)('%s store', (_name, open) => {
  let store: CacheStore;
  beforeEach(async () => (store = await open()));
  afterEach(() => store.close());

  test('a miss takes a lease; its write is served by the next read under the same tags', async () => {
    const miss = await store.read(['a', 'b'], ['t1']);
    expect(miss.values).toEqual([undefined, undefined]);
    expect(await store.write(miss, [{ index: 1, value: 'B' }], 60_000)).toBe(1);
    const hit = await store.read(['a', 'b'], ['t1']);
    expect(hit.values).toEqual([undefined, 'B']);
  });

  test('an invalidation between a read and its write refuses the write (the old row is not put back)', async () => {
    const slow = await store.read(['k'], ['t']);
    await store.invalidate(['k'], []);
    expect(await store.write(slow, [{ index: 0, value: 'old' }], 60_000)).toBe(0);
    expect((await store.read(['k'], ['t'])).values).toEqual([undefined]);
  });

  test("dropping a tag refuses writes of reads made under its old token, and hides entries written under it", async () => {
    const first = await store.read(['x'], ['t', 'u']);
    await store.write(first, [{ index: 0, value: 'X' }], 60_000);
    const slow = await store.read(['y'], ['t', 'u']);
    await store.invalidate([], ['u']);
    expect(await store.write(slow, [{ index: 0, value: 'old' }], 60_000)).toBe(0);
    expect((await store.read(['x', 'y'], ['t', 'u'])).values).toEqual([undefined, undefined]);
  });

  test('of two concurrent misses only the later lease holder writes', async () => {
    const one = await store.read(['k'], []);
    const two = await store.read(['k'], []);
    expect(await store.write(one, [{ index: 0, value: '1' }], 60_000)).toBe(0);
    expect(await store.write(two, [{ index: 0, value: '2' }], 60_000)).toBe(1);
    expect((await store.read(['k'], [])).values).toEqual(['2']);
  });

  test('entries expire after their ttl, and clear() drops everything', async () => {
    const read = await store.read(['short', 'long'], []);
    await store.write(read, [{ index: 0, value: 's' }, { index: 1, value: 'l' }], 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await store.read(['short'], []);
    expect(again.values).toEqual([undefined]);
    await store.write(again, [{ index: 0, value: 's' }], 60_000);
    await store.clear();
    expect((await store.read(['short'], [])).values).toEqual([undefined]);
  });
});

test('the memory store evicts the least recently used entry beyond maxEntries', async () => {
  const store = new MemoryStore(2);
  const read = await store.read(['a', 'b'], []);
  await store.write(read, [{ index: 0, value: 'A' }, { index: 1, value: 'B' }], 60_000);
  expect((await store.read(['a'], [])).values).toEqual(['A']); // a is now the most recent
  await store.read(['c'], []); // c's lease evicts b
  expect((await store.read(['a'], [])).values).toEqual(['A']);
  expect((await store.read(['b'], [])).values).toEqual([undefined]);
});

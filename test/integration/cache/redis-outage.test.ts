import { Orm } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { COUNTER_ENTITIES, Counter } from '../../support/cache-entities';
import { OwnRedis } from '../../support/own-redis';
import { TcpProxy } from '../../support/tcp-proxy';

/** What one read of counter 1 in a fresh fork gave, and how many SELECTs it sent (0: served from the cache). */
interface Read {
  readonly version: number | undefined;
  readonly selects: number;
}

async function read(orm: Orm): Promise<Read> {
  let selects = 0;
  const off = orm.on('query', (q) => void (q.sql.toLowerCase().startsWith('select') && selects++));
  try {
    const row = await within(orm.em.fork().findOne(Counter, 1), 'a read');
    return { version: row?.version, selects };
  } finally {
    off();
  }
}

async function write(orm: Orm, version: number): Promise<void> {
  const em = orm.em.fork();
  const row = await within(em.findOneOrFail(Counter, 1), 'the read before a write');
  row.version = version;
  await within(em.flush(), 'a flush');
}

/** A cache that cannot answer must not hold the application up: a loose bound, far above a database round trip. */
function within<T>(work: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what} took more than ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Reads until one is served from the cache (bounded): every read on the way must give `version`. */
async function untilCached(orm: Orm, version: number, seconds = 20): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const got = await read(orm);
    expect(got.version).toBe(version);
    if (got.selects === 0) return;
    if (Date.now() > deadline) throw new Error(`the cache did not serve a read within ${seconds} s of Redis coming back`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Lines about the cache that Tessera logged (a process warning or the console) while `body` ran. */
async function logged(body: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const note = (...args: unknown[]) => {
    const line = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
    if (/cache|redis/i.test(line)) lines.push(line);
  };
  const spies = [
    jest.spyOn(process, 'emitWarning').mockImplementation(note as never),
    jest.spyOn(console, 'warn').mockImplementation(note),
    jest.spyOn(console, 'error').mockImplementation(note),
    jest.spyOn(console, 'log').mockImplementation(note),
  ];
  try {
    await body();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines;
}

function cachedOrm(fx: Fixture, redisUrl: string): Promise<Orm> {
  return Orm.init({ dialect: fx.dialect, url: fx.url, entities: COUNTER_ENTITIES, cache: { store: 'redis', redis: redisUrl, prefix: 'outage:' } });
}

/**
 * Two processes' Orms on one Redis and one prefix: A through a proxy that can cut it off, B directly. Counter 1 is
 * written at version 1 through A first.
 */
async function partitioned(fx: Fixture, redis: OwnRedis, body: (proxy: TcpProxy, a: Orm, b: Orm) => Promise<void>): Promise<void> {
  const proxy = await TcpProxy.start('127.0.0.1', redis.port);
  const a = await cachedOrm(fx, proxy.url(redis.url));
  const b = await cachedOrm(fx, redis.url);
  try {
    // The previous test's entries are still in this Redis; the schema was recreated behind the cache's back.
    await a.cache.invalidate(Counter);
    const em = a.em.fork();
    em.create(Counter, { id: 1, version: 1, owner: 'a' });
    await em.flush();
    await body(proxy, a, b);
  } finally {
    await a.close();
    await b.close();
    await proxy.close();
  }
}

// The cache's failure handling is the same whatever the database: SQLite keeps these tests quick.
describeEachDialect(
  COUNTER_ENTITIES,
  (fx) => {
    let redis: OwnRedis;
    beforeAll(async () => {
      redis = await OwnRedis.create();
      await redis.start();
    });
    afterAll(() => redis?.destroy());

    it('reads and flushes go to the database while Redis is killed, count errors, log once, and use the cache again after it restarts', async () => {
      const orm = await cachedOrm(fx, redis.url);
      try {
        const em = orm.em.fork();
        em.create(Counter, { id: 1, version: 1, owner: 'a' });
        await em.flush();
        await read(orm);
        expect(await read(orm)).toEqual({ version: 1, selects: 0 });

        const lines = await logged(async () => {
          await redis.kill();
          expect(await read(orm)).toEqual({ version: 1, selects: 1 });
          await write(orm, 2);
          for (let i = 0; i < 5; i++) expect(await read(orm)).toEqual({ version: 2, selects: 1 });
        });
        expect(orm.cache.stats().errors).toBeGreaterThan(0);
        expect(lines).toHaveLength(1);

        await redis.start();
        await untilCached(orm, 2);
        expect(await read(orm)).toEqual({ version: 2, selects: 0 });
      } finally {
        await orm.close();
      }
    });

    it('serves no entry written before an outage once Redis is reachable again (its data survived)', () =>
      partitioned(fx, redis, async (proxy, a, b) => {
        await read(a);
        expect(await read(a)).toEqual({ version: 1, selects: 0 });
        // One Redis, one prefix: what A cached, B is served.
        expect(await read(b)).toEqual({ version: 1, selects: 0 });

        await logged(async () => {
          proxy.down();
          // A commits while it cannot reach Redis: the entry of version 1 stays there.
          await write(a, 2);
          expect(await read(a)).toEqual({ version: 2, selects: 1 });
          expect(a.cache.stats().errors).toBeGreaterThan(0);
          proxy.up();
          await untilCached(a, 2);
        });
        expect(await read(a)).toEqual({ version: 2, selects: 0 });
        expect((await read(b)).version).toBe(2);
      }));

    it('starts while Redis is down: reads and flushes go to the database, and the cache serves once Redis is up', async () => {
      const late = await OwnRedis.create();
      let orm: Orm | undefined;
      try {
        await logged(async () => {
          orm = await within(cachedOrm(fx, late.url), 'Orm.init');
          await orm.cache.invalidate(Counter);
          const em = orm.em.fork();
          em.create(Counter, { id: 1, version: 1, owner: 'a' });
          await within(em.flush(), 'a flush');
          expect(await read(orm)).toEqual({ version: 1, selects: 1 });
          expect(await read(orm)).toEqual({ version: 1, selects: 1 });
        });
        expect(orm?.cache.stats().errors).toBeGreaterThan(0);
        await late.start();
        await untilCached(orm as Orm, 1);
      } finally {
        await orm?.close();
        await late.destroy();
      }
    });

    it('another process stops serving the entry A could not invalidate once A reconnects, even if A reads nothing more', () =>
      partitioned(fx, redis, async (proxy, a, b) => {
        await read(b);
        expect(await read(b)).toEqual({ version: 1, selects: 0 });

        await logged(async () => {
          proxy.down();
          await write(a, 2);
          proxy.up();
        });
        // B may serve version 1 until A is back (the window docs/caching.md names); A reconnects by itself.
        const deadline = Date.now() + 15_000;
        while ((await read(b)).version !== 2) {
          if (Date.now() > deadline) throw new Error('B still served version 1 15 s after Redis was reachable again for A');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }));
  },
  { dialects: ['sqlite'] },
);

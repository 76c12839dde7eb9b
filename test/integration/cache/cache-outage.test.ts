import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, Entity, Orm, PrimaryKey } from '../../../src';
import { dropRedisPrefix, SHARED_REDIS_URL, testRedisPrefix } from '../../support/redis-prefix';
import { TcpProxy } from '../../support/tcp-proxy';

@Entity({ table: 'co_authors', cache: { ttl: 600 } })
class Author {
  @PrimaryKey() id!: number;
  @Column() name!: string;
}

/**
 * A cache store that does not answer never fails a read or a flush, and what may have missed an invalidation is
 * never served once it answers again. Redis is the shared server behind a TCP proxy that this test stalls (the
 * server itself is never touched); a second Orm connected directly plays another process. SQLite: this is the
 * store's behaviour, the same on every database.
 */
const PREFIX = testRedisPrefix('cache-outage');
const FILE = join(tmpdir(), `tessera-cache-outage-${process.pid}.sqlite`);

let proxy: TcpProxy;
let a: Orm;
let b: Orm;

beforeAll(async () => {
  proxy = await TcpProxy.start('127.0.0.1', 6379);
  const options = { dialect: 'sqlite' as const, url: FILE, entities: [Author] };
  a = await Orm.init({ ...options, cache: { store: 'redis', redis: `redis://127.0.0.1:${proxy.port}`, prefix: PREFIX, commandTimeoutMs: 100 } });
  b = await Orm.init({ ...options, cache: { store: 'redis', redis: SHARED_REDIS_URL, prefix: PREFIX } });
  await a.schema.create();
  const em = a.em.fork();
  em.create(Author, { id: 1, name: 'Ada' });
  await em.flush();
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await proxy?.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(FILE + suffix, { force: true });
  await dropRedisPrefix(PREFIX);
});

test('a stalled store: reads and flushes go on, errors are counted and warned once; entries from before are never served after', async () => {
  const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  const warnings = () => warn.mock.calls.filter((call) => (call[1] as unknown) === 'TesseraCacheWarning');
  try {
    const name = async (orm: Orm) => (await orm.em.fork().findOne(Author, 1))!.name;
    expect(await name(a)).toBe('Ada');
    expect(await name(b)).toBe('Ada'); // cached by a, served to b
    proxy.stall();
    expect(await name(a)).toBe('Ada'); // from the database after the timeout
    const em = a.em.fork();
    (await em.findOne(Author, 1))!.name = 'Ada L.';
    await em.flush(); // its invalidation times out: the flush succeeds all the same
    expect(a.cache.stats().errors).toBeGreaterThanOrEqual(3);
    expect(warnings()).toEqual([[expect.stringContaining("Tessera's cache store failed"), 'TesseraCacheWarning']]);
    // The invalidation held in the stalled connection is lost with it; Redis is reachable again.
    proxy.cutAll();
    proxy.resume();
    expect(await name(a)).toBe('Ada L.');
    // Once a reconnects it moves the epoch on: b no longer finds the entry a could not drop (it would for 600 s).
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (await name(b)) !== 'Ada L.') await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await name(b)).toBe('Ada L.');
  } finally {
    warn.mockRestore();
  }
});

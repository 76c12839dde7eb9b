import Database from 'better-sqlite3';
import { LockWaitTimeoutError, Orm, ValidationError } from '../../src';
import { describeEachDialect } from '../support/dialect-fixture';
import { Author } from '../support/entities';
import { exitOf, lockInChild } from '../support/sqlite-lock-holder';

/**
 * Issue 10, defect 5: while another connection holds SQLite's write lock, Tessera waits on timers, not inside
 * SQLite (which would stop every timer and socket of the process for up to its busy timeout).
 */
describeEachDialect(
  [Author],
  (fx) => {
    const opened: Orm[] = [];
    const holders: Database.Database[] = [];
    const cleanups: Array<() => unknown> = [];
    /** A watch on the event loop, stopped after the test even when it fails. */
    const watchLoop = () => {
      const loop = watchEventLoop();
      cleanups.push(loop.stop);
      return loop;
    };
    /** A second Orm on the suite's file with a short lock wait. */
    const ormWaiting = async (busyTimeoutMs: number) => {
      const orm = await Orm.init({ dialect: 'sqlite', url: fx.url, entities: [Author], busyTimeoutMs });
      opened.push(orm);
      return orm;
    };
    /** Another connection to the file that holds the write lock (`begin immediate`) until `release()`. */
    const holdWriteLock = () => {
      const holder = new Database(fx.url);
      holders.push(holder);
      holder.exec('begin immediate');
      return { release: () => holder.inTransaction && holder.exec('commit') };
    };

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) cleanup();
      for (const holder of holders.splice(0)) holder.close();
      for (const orm of opened.splice(0)) await orm.close();
    });

    test('a flush waits for another connection to release the lock, and the event loop keeps running meanwhile', async () => {
      const lock = holdWriteLock();
      const loop = watchLoop();
      setTimeout(lock.release, 600);
      const em = fx.orm.em.fork();
      em.create(Author, { name: 'Ada', email: 'ada@x.io' });
      const started = Date.now();
      await em.flush();
      const waited = Date.now() - started;
      expect(loop.stop()).toBeLessThan(150);
      expect(waited).toBeGreaterThanOrEqual(550);
      expect((await fx.raw.rows('authors')).map((r) => r.name)).toEqual(['Ada']);
      // `begin immediate` was tried until it got the lock; it is reported once, when it ran.
      expect(fx.queries.map((q) => q.sql.split(' ')[0])).toEqual(['begin', 'insert', 'commit']);
    });

    test('past busyTimeoutMs the flush fails with LockWaitTimeoutError, writes nothing, and a later flush writes the entity', async () => {
      const orm = await ormWaiting(300);
      const sent: string[] = [];
      orm.on('query', (q) => sent.push(q.sql));
      const lock = holdWriteLock();
      const loop = watchLoop();
      const em = orm.em.fork();
      const ada = em.create(Author, { name: 'Ada', email: 'ada@x.io' });
      const started = Date.now();
      const error = await em.flush().then(
        () => undefined,
        (e: unknown) => e,
      );
      const waited = Date.now() - started;
      expect(loop.stop()).toBeLessThan(150);
      expect(error).toBeInstanceOf(LockWaitTimeoutError);
      expect((error as LockWaitTimeoutError).message).toBe(
        'The SQLite database stayed locked by another connection for busyTimeoutMs (300 ms): the statement did not run and wrote nothing.',
      );
      expect((error as LockWaitTimeoutError).code).toBe('SQLITE_BUSY');
      expect((error as LockWaitTimeoutError).sql).toBe('begin immediate');
      expect(waited).toBeGreaterThanOrEqual(290);
      expect(waited).toBeLessThan(1500);
      expect(sent).toEqual(['begin immediate']);
      expect(await fx.raw.count('authors')).toBe(0);

      lock.release();
      await em.flush();
      expect((await fx.raw.rows('authors')).map((r) => [Number(r.id), r.name])).toEqual([[ada.id, 'Ada']]);
    });

    test('outside a transaction a read does not wait (WAL), and a raw write waits for the lock or times out', async () => {
      const em = fx.orm.em.fork();
      em.create(Author, { name: 'Ada', email: 'ada@x.io' });
      await em.flush();
      const orm = await ormWaiting(300);
      const lock = holdWriteLock();
      const loop = watchLoop();
      const other = orm.em.fork();

      let started = Date.now();
      expect((await other.find(Author, {})).map((a) => a.name)).toEqual(['Ada']);
      expect(Date.now() - started).toBeLessThan(150);

      started = Date.now();
      const error = await other.sql`update authors set age = ${41}`.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LockWaitTimeoutError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect((await fx.raw.rows('authors')).map((r) => r.age)).toEqual([null]);

      setTimeout(lock.release, 200);
      await other.sql`update authors set age = ${42}`;
      expect(loop.stop()).toBeLessThan(150);
      expect((await fx.raw.rows('authors')).map((r) => r.age)).toEqual([42]);
    });

    test('another process holding the lock: the flush waits without freezing the process, then writes', async () => {
      const holder = await lockInChild(fx.url, 700);
      cleanups.push(() => holder.kill());
      const loop = watchLoop();
      const em = fx.orm.em.fork();
      em.create(Author, { name: 'Ada', email: 'ada@x.io' });
      const started = Date.now();
      await em.flush();
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(loop.stop()).toBeLessThan(150);
      expect(await exitOf(holder)).toBe(0);
      expect((await fx.raw.rows('authors')).map((r) => r.name)).toEqual(['Ada']);
    });

    test('busyTimeoutMs must be a number of milliseconds, 0 or more', async () => {
      for (const bad of [-1, Number.NaN, Infinity, '300' as unknown as number]) {
        await expect(Orm.init({ dialect: 'sqlite', url: fx.url, entities: [Author], busyTimeoutMs: bad })).rejects.toThrow(
          new ValidationError(`busyTimeoutMs must be a number of milliseconds, 0 or more, got ${String(bad)}.`),
        );
      }
    });
  },
  { dialects: ['sqlite'] },
);

/** Ticks every 5 ms; `stop()` returns the longest gap between ticks, in ms. */
function watchEventLoop(): { stop(): number } {
  let last = Date.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(longest, Date.now() - last);
    },
  };
}

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ConnectionError, Orm, QueryTimeoutError, sql, ValidationError, type OrmOptions, type SqlFragment } from '../../src';
import { Author } from '../support/entities';
import { describeEachDialect, type Fixture } from '../support/dialect-fixture';
import { TcpProxy } from '../support/tcp-proxy';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** How long `run` takes to settle, and the error it rejected with (if any). */
async function timed(run: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: Date.now() - started, error };
}

/** Issue 10, defect 6: a stalled server or a slow statement is bounded, with an error that says which. */
describeEachDialect(
  [Author],
  (fx) => {
    const sleep = (seconds: number): SqlFragment => (fx.dialect === 'postgres' ? sql`select pg_sleep(${seconds})` : sql`select sleep(${seconds})`);
    const sessionId = async (orm: Orm): Promise<number> => {
      const rows = await orm.em.fork().sql<{ id: number }>`${fx.dialect === 'postgres' ? sql`select pg_backend_pid() as id` : sql`select connection_id() as id`}`;
      return Number(rows[0].id);
    };

    let proxy: TcpProxy;
    const opened: Orm[] = [];

    /** An Orm through the proxy (closed after the test). */
    async function proxiedOrm(options: Partial<OrmOptions>): Promise<Orm> {
      const orm = await Orm.init({ dialect: fx.dialect, url: proxy.url(fx.url), entities: [Author], ...options });
      opened.push(orm);
      return orm;
    }

    beforeEach(async () => {
      proxy = await TcpProxy.inFrontOf(fx.url);
    });

    afterEach(async () => {
      proxy.resume();
      for (const orm of opened.splice(0)) await orm.close();
      await proxy.close();
    });

    test('statementTimeoutMs: the server stops a slow statement, a QueryTimeoutError, and the connection stays', async () => {
      const orm = await proxiedOrm({ statementTimeoutMs: 300, pool: { min: 0, max: 1 } });
      const before = await sessionId(orm);
      const { ms, error } = await timed(() => orm.em.fork().sql`${sleep(2)}`);
      expect(error).toBeInstanceOf(QueryTimeoutError);
      expect((error as QueryTimeoutError).code).toBe(fx.dialect === 'postgres' ? '57014' : 'ER_STATEMENT_TIMEOUT');
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(550);
      // The server's own limit leaves the session usable: the pool hands the same one out again.
      expect(await sessionId(orm)).toBe(before);
      expect(orm.poolStats()).toMatchObject({ size: 1, free: 1, used: 0 });
    });

    test('statementTimeoutMs: a statement on a silent server fails at the client deadline and its connection is discarded', async () => {
      const orm = await proxiedOrm({ statementTimeoutMs: 300, pool: { min: 0, max: 2 } });
      await sessionId(orm);
      proxy.stall();
      const { ms, error } = await timed(() => orm.em.fork().sql`select 1 as one`);
      expect(error).toBeInstanceOf(QueryTimeoutError);
      expect((error as Error).message).toMatch(/did not answer a statement within 600 ms/);
      expect(ms).toBeGreaterThanOrEqual(550);
      expect(ms).toBeLessThan(1000);
      expect(orm.poolStats()).toMatchObject({ size: 0, free: 0, used: 0 });
      proxy.resume();
      const after = await timed(() => orm.em.fork().count(Author));
      expect(after.error).toBeUndefined();
      expect(after.ms).toBeLessThan(300);
    });

    test('statementTimeoutMs: a stream waiting on a silent server fails at the client deadline and its connection is discarded', async () => {
      const orm = await proxiedOrm({ statementTimeoutMs: 300, pool: { min: 0, max: 2 } });
      await sessionId(orm);
      proxy.stall();
      const { ms, error } = await timed(async () => {
        for await (const batch of orm.em.fork().stream(Author, {}, { batchSize: 10 })) void batch;
      });
      expect(error).toBeInstanceOf(QueryTimeoutError);
      expect(ms).toBeGreaterThanOrEqual(550);
      expect(ms).toBeLessThan(1000);
      expect(orm.poolStats()).toMatchObject({ size: 0, free: 0, used: 0 });
      proxy.resume();
      expect(await orm.em.fork().count(Author)).toBe(0);
    });

    test('connectTimeoutMs: Orm.init against a silent server is a ConnectionError that says so, in time', async () => {
      proxy.stall();
      const { ms, error } = await timed(() => proxiedOrm({ connectTimeoutMs: 500 }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/did not answer within 500 ms while connecting/);
      expect(ms).toBeGreaterThanOrEqual(450);
      expect(ms).toBeLessThan(1000);
    });

    test('a failed Orm.init leaves no handle open: its process exits by itself', async () => {
      proxy.stall();
      const { exitMs, code, out } = await runInitChild(fx, proxy.url(fx.url), 500);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ name: 'ConnectionError', message: expect.stringMatching(/did not answer within 500 ms/) });
      // Node's start and the TypeScript loader take most of this; a leaked socket or timer would hold it for 30 s.
      expect(exitMs).toBeLessThan(5000);
    });

    test('acquire timeout: every connection is held', async () => {
      const orm = await proxiedOrm({ pool: { min: 0, max: 1, acquireTimeoutMillis: 300 } });
      let release!: () => void;
      const holder = orm.em.fork().transactional(() => new Promise<void>((done) => (release = done)));
      await pause(50);
      const { ms, error } = await timed(() => orm.em.fork().count(Author));
      release();
      await holder;
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/Timed out after 300 ms waiting for a \w+ connection\. Every connection is held/);
      expect(ms).toBeLessThan(800);
    });

    test('acquire timeout: a new connection is still being opened on a silent server', async () => {
      const orm = await proxiedOrm({ pool: { min: 0, max: 2, acquireTimeoutMillis: 300 }, connectTimeoutMs: 5000 });
      let release!: () => void;
      const holder = orm.em.fork().transactional(() => new Promise<void>((done) => (release = done)));
      await pause(50);
      proxy.stall();
      const { ms, error } = await timed(() => orm.em.fork().count(Author));
      proxy.resume();
      release();
      await holder;
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/Timed out after 300 ms .* still being opened and the server has not answered/);
      expect(ms).toBeLessThan(800);
    });
  },
  { dialects: ['postgres', 'mariadb'] },
);

describeEachDialect(
  [Author],
  (fx) => {
    test("pg's own ?query_timeout= gives up on a statement and discards its connection: later queries do not wait behind it", async () => {
      const url = new URL(fx.url);
      url.searchParams.set('query_timeout', '300');
      const orm = await Orm.init({ dialect: 'postgres', url: url.toString(), entities: [Author], pool: { min: 0, max: 1 } });
      try {
        const slow = await timed(() => orm.em.fork().sql`select pg_sleep(${2})`);
        expect(slow.error).toBeInstanceOf(QueryTimeoutError);
        const next = await timed(() => orm.em.fork().count(Author));
        expect(next.error).toBeUndefined();
        expect(next.ms).toBeLessThan(500);
      } finally {
        await orm.close();
      }
    });
  },
  { dialects: ['postgres'] },
);

describeEachDialect(
  [Author],
  (fx) => {
    test('SQLite accepts the timeouts (it has no server to wait for); a timeout that is not a positive number is refused', async () => {
      const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Author], connectTimeoutMs: 500, statementTimeoutMs: 300 });
      await orm.schema.create();
      expect(await orm.em.fork().count(Author)).toBe(0);
      await orm.close();
      for (const bad of [0, -1, Number.NaN, '500' as unknown as number]) {
        await expect(Orm.init({ dialect: fx.dialect, url: ':memory:', entities: [Author], statementTimeoutMs: bad })).rejects.toBeInstanceOf(ValidationError);
      }
      await expect(Orm.init({ dialect: fx.dialect, url: ':memory:', entities: [Author], connectTimeoutMs: -5 })).rejects.toThrow(
        'connectTimeoutMs must be a positive number of milliseconds, got -5.',
      );
    });
  },
  { dialects: ['sqlite'] },
);

/** Runs test/support/init-child.ts against `url`; resolves when the process has exited by itself. */
function runInitChild(fx: Fixture, url: string, connectTimeoutMs: number): Promise<{ exitMs: number; code: number | null; out: string }> {
  const root = resolve(__dirname, '../..');
  const started = Date.now();
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['-r', './scripts/register.js', 'test/support/init-child.ts', fx.dialect, url, String(connectTimeoutMs)], { cwd: root });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', fail);
    const killer = setTimeout(() => proc.kill(), 20_000);
    proc.on('close', (code) => {
      clearTimeout(killer);
      done({ exitMs: Date.now() - started, code, out });
    });
  });
}

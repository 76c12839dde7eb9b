import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Orm, type EntityClass, type OrmOptions, type QueryEvent } from '../../src';
import { openRawClient, type RawClient } from './raw-client';
import { ensureTestDatabase } from './server-admin';
import { selectedDialects, testUrl, type TestDialect } from './test-databases';

/** One dialect's ORM for a suite, with the statements it sent and a raw client to check the database. */
export interface Fixture {
  dialect: TestDialect;
  url: string;
  orm: Orm;
  raw: RawClient;
  /** Every statement sent since the test started. */
  queries: QueryEvent[];
  /** The statements (since the test started) whose SQL starts with `verb`. */
  sent(verb: 'select' | 'insert' | 'update' | 'delete' | 'begin' | 'commit' | 'rollback' | 'savepoint'): QueryEvent[];
}

/**
 * Runs `body` once per selected dialect (describe.each), against a fresh schema for `entities` before
 * every test. The sqlite database is a temporary file so that the raw client can read it too.
 * `dialects` narrows a suite to the dialects where a behaviour exists at all (a server's lost connection).
 */
export function describeEachDialect(
  entities: readonly EntityClass[],
  body: (fx: Fixture) => void,
  options: Partial<OrmOptions> & { dialects?: readonly TestDialect[] } = {},
): void {
  const { dialects, ...ormOptions } = options;
  const chosen = selectedDialects().filter((d) => !dialects || dialects.includes(d));
  describe.each(chosen)('%s', (dialect) => {
    const fx = { dialect, queries: [] as QueryEvent[] } as Fixture;
    fx.sent = (verb) => fx.queries.filter((q) => q.sql.toLowerCase().startsWith(verb === 'begin' ? beginVerb(dialect) : verb));

    beforeAll(async () => {
      fx.url = dialect === 'sqlite' ? join(tmpdir(), `tessera-test-${process.pid}-${process.env.JEST_WORKER_ID ?? 1}.sqlite`) : testUrl(dialect);
      if (dialect !== 'sqlite') await ensureTestDatabase(dialect);
      fx.orm = await Orm.init({ dialect, url: fx.url, entities, pool: { min: 0, max: 4 }, ...ormOptions });
      fx.orm.on('query', (q) => fx.queries.push(q));
      fx.raw = await openRawClient(dialect, fx.url);
    });

    beforeEach(async () => {
      await fx.orm.schema.drop();
      await fx.orm.schema.create();
      fx.queries.length = 0;
    });

    afterAll(async () => {
      await fx.raw?.close();
      await fx.orm?.close();
      if (dialect === 'sqlite') for (const suffix of ['', '-wal', '-shm']) rmSync(fx.url + suffix, { force: true });
    });

    body(fx);
  });
}

function beginVerb(dialect: TestDialect): string {
  return dialect === 'mariadb' ? 'start transaction' : 'begin';
}

/**
 * A second Orm over the fixture's database with other entities (another version of a table, a deploy migrating),
 * closed after `body`.
 */
export async function withOrm<R>(fx: Fixture, entities: readonly EntityClass[], body: (orm: Orm) => Promise<R>): Promise<R> {
  const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [...entities], pool: { min: 0, max: 2 } });
  try {
    return await body(orm);
  } finally {
    await orm.close();
  }
}

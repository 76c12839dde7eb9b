import { ConnectionError, Orm, QueryTimeoutError } from '../../../src';
import { FAULT_ENTITIES, FaultLoad, settle } from '../../support/fault-load';
import { ownServerDialects, useOwnServer } from '../../support/own-server';

const STATEMENT_TIMEOUT_MS = 300;
/** Well past the client deadline for a statement (statementTimeoutMs plus its grace). */
const STALL_MS = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Issue 15: a server that hangs (SIGSTOP) longer than the statement timeout, then runs on (SIGCONT), under load.
describe.each(ownServerDialects())('%s', (dialect) => {
  const server = useOwnServer(dialect);

  test(`stalled ${STALL_MS} ms (statementTimeoutMs ${STATEMENT_TIMEOUT_MS}) under 8 request-like workers: no flush lost or doubled, the pool recovers`, async () => {
    const orm = await Orm.init({
      dialect,
      url: server().url,
      entities: FAULT_ENTITIES,
      statementTimeoutMs: STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: 500,
      pool: { min: 0, max: 10, acquireTimeoutMillis: 1000 },
    });
    let load: FaultLoad | undefined;
    try {
      await orm.schema.create();
      load = await FaultLoad.start(orm);
      server().freeze();
      try {
        await sleep(STALL_MS);
      } finally {
        server().thaw();
      }
      expect(await load.recovered()).toBeLessThan(5000);

      // Statements left waiting on the silent server were given up at the client deadline.
      expect(load.failedFlushes.some((f) => f.error instanceof QueryTimeoutError)).toBe(true);
      expect(await settle(load, orm, dialect, server().url, [ConnectionError, QueryTimeoutError])).toEqual([]);
      expect(orm.poolStats()).toMatchObject({ used: 0, pending: 0 });
    } finally {
      await load?.stop();
      await orm.close();
    }
  });
});

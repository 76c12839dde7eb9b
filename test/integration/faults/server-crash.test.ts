import { ConnectionError, Orm } from '../../../src';
import { FAULT_ENTITIES, FaultLoad, settle } from '../../support/fault-load';
import { ownServerDialects, useOwnServer } from '../../support/own-server';

const DOWN_MS = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Issues 10 and 15: a server crash and restart under load loses or doubles no flush, and the pool recovers at once.
describe.each(ownServerDialects())('%s', (dialect) => {
  const server = useOwnServer(dialect);

  test(`killed (immediate shutdown) under 8 request-like workers, down ${DOWN_MS} ms, started again: no flush lost or doubled, the pool recovers`, async () => {
    // The circuit breaker opens while the server is down; its cool-down bounds how soon the pool sees it back.
    const orm = await Orm.init({
      dialect,
      url: server().url,
      entities: FAULT_ENTITIES,
      pool: { min: 0, max: 10, acquireTimeoutMillis: 500 },
      circuitBreaker: { failures: 5, coolDownMs: 500 },
    });
    let load: FaultLoad | undefined;
    try {
      await orm.schema.create();
      load = await FaultLoad.start(orm);
      await server().stop({ immediate: true });
      await sleep(DOWN_MS);
      await server().start();
      // From the moment the server answers again to the first read through the Orm (no reconnect by hand).
      expect(await load.recovered()).toBeLessThan(1000);

      expect(load.failedFlushes.length + load.failedReads.length).toBeGreaterThan(0);
      expect(await settle(load, orm, dialect, server().url, [ConnectionError])).toEqual([]);
      expect(orm.poolStats()).toMatchObject({ used: 0, pending: 0 });
    } finally {
      await load?.stop();
      await orm.close();
    }
  });
});

import { ConnectionError, Orm } from '../../../src';
import { FAULT_ENTITIES, FaultLoad, settle } from '../../support/fault-load';
import { ownServerDialects, useOwnServer } from '../../support/own-server';
import { openRawSession } from '../../support/session-killer';

const ROUNDS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Issue 15: sessions killed by the server (pg_terminate_backend / KILL) in the middle of flushes, under load.
describe.each(ownServerDialects())('%s', (dialect) => {
  const server = useOwnServer(dialect);

  test(`sessions killed mid-flush and while idle, ${ROUNDS} times under 8 request-like workers: no flush lost or doubled, the pool recovers`, async () => {
    const orm = await Orm.init({ dialect, url: server().url, entities: FAULT_ENTITIES, pool: { min: 0, max: 10, acquireTimeoutMillis: 2000 } });
    const killer = await openRawSession(dialect, server().url);
    let load: FaultLoad | undefined;
    try {
      await orm.schema.create();
      load = await FaultLoad.start(orm);
      let killed = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // Odd rounds: only sessions inside a transaction, i.e. between a flush's statements; even rounds: all of them.
        const inTransaction = round % 2 === 1;
        const deadline = Date.now() + 5000;
        let n = 0;
        while (n === 0 && Date.now() < deadline) {
          n = await killer.killOthers(inTransaction, []);
          if (n === 0) await sleep(5);
        }
        killed += n;
        await sleep(150);
      }
      expect(killed).toBeGreaterThanOrEqual(ROUNDS);
      await load.recovered();

      expect(load.failedFlushes.length).toBeGreaterThan(0);
      expect(await settle(load, orm, dialect, server().url, [ConnectionError])).toEqual([]);
      expect(orm.poolStats()).toMatchObject({ used: 0, pending: 0 });
    } finally {
      await load?.stop();
      await killer.close();
      await orm.close();
    }
  });
});

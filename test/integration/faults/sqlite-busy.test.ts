import { LockWaitTimeoutError } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { FAULT_ENTITIES, FaultLoad, settle } from '../../support/fault-load';
import { exitOf, lockInChild } from '../../support/sqlite-lock-holder';

const BUSY_TIMEOUT_MS = 200;
/** Well past busyTimeoutMs: the flushes waiting for the lock give up. */
const HOLD_MS = 1500;

// Issue 15: SQLITE_BUSY under load: another process holds the write lock longer than busyTimeoutMs.
describeEachDialect(
  FAULT_ENTITIES,
  (fx) => {
    test(`another process holds the write lock ${HOLD_MS} ms (busyTimeoutMs ${BUSY_TIMEOUT_MS}) under 8 request-like workers: no flush lost or doubled, writes resume`, async () => {
      const load = await FaultLoad.start(fx.orm);
      try {
        const holder = await lockInChild(fx.url, HOLD_MS);
        expect(await exitOf(holder)).toBe(0);
        await load.recovered();

        expect(load.failedFlushes.some((f) => f.error instanceof LockWaitTimeoutError)).toBe(true);
      expect(await settle(load, fx.orm, 'sqlite', fx.url, [LockWaitTimeoutError])).toEqual([]);
        expect(fx.orm.poolStats()).toMatchObject({ used: 0, pending: 0 });
      } finally {
        await load.stop();
      }
    });
  },
  { dialects: ['sqlite'], busyTimeoutMs: BUSY_TIMEOUT_MS },
);

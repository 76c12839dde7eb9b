import { performance } from 'node:perf_hooks';
import type { CircuitState, PoolStats } from './driver';
import type { RuntimeDriver } from './runtime-driver';

/** `orm.health()` options. */
export interface HealthOptions {
  /** How long the check waits for the database's answer, in ms (default 1000): past it, `ok` is false. */
  readonly timeoutMs?: number;
}

/** What `orm.health()` reports: for readiness probes and dashboards. */
export interface HealthReport {
  /** The database answered a query within the timeout. */
  readonly ok: boolean;
  /** How long the check took, in ms (up to the timeout when the database did not answer). */
  readonly latencyMs: number;
  /** The pool as the check left it (`orm.poolStats()`). */
  readonly pool: PoolStats;
  /** The pool's circuit breaker (always 'closed' on SQLite, which has none). */
  readonly circuit: CircuitState;
  /** The server's version as it reports it ('PostgreSQL 15.8', '10.11.6-MariaDB', 'SQLite 3.45.1'), when `ok`. */
  readonly server?: string;
  /** Why the check failed (the error's message; never a credential), when not `ok`. */
  readonly error?: string;
}

const DEFAULT_TIMEOUT_MS = 1000;

/**
 * Asks the database for its version, on a pooled connection, within `timeoutMs`. Never throws: a failure, a
 * timeout, an open circuit breaker or a closed Orm are `ok: false` with the reason. A query still running at the
 * timeout is left to finish (or fail) on its own; its result is dropped.
 */
export async function checkHealth(driver: RuntimeDriver, serverVersion: () => Promise<string>, options: HealthOptions = {}): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let server: string | undefined;
  let error: string | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    server = await Promise.race([serverVersion(), timeout]);
  } catch (failure) {
    error = failure instanceof Error ? failure.message.split('\n')[0] : String(failure);
  } finally {
    clearTimeout(timer);
  }
  const latencyMs = performance.now() - started;
  const report = { latencyMs, pool: driver.poolStats(), circuit: driver.circuitState() };
  return error === undefined ? { ok: true, ...report, server } : { ok: false, ...report, error };
}

import { setTimeout as sleep } from 'node:timers/promises';
import { LockWaitTimeoutError } from '../../errors/driver-error';
import { readFailure } from '../../sql/error-message';

/**
 * Pauses between tries, in ms, the last one repeated: SQLite's own busy handler's first steps, capped low so
 * a freed lock is taken soon.
 */
const BACKOFF_MS = [1, 2, 5, 10, 15, 20, 25];

/** SQLITE_BUSY and its extended codes (_RECOVERY, _SNAPSHOT, _TIMEOUT): another connection holds a lock. */
export function isBusy(error: unknown): boolean {
  return readFailure(error).code?.startsWith('SQLITE_BUSY') === true;
}

/**
 * Tries `attempt` again (one synchronous better-sqlite3 call, made with a busy timeout of 0 so that it never
 * sleeps inside SQLite, where it would stop the whole event loop) until it gets past SQLITE_BUSY, waiting on
 * timers in between, for up to `timeoutMs`; then fails with LockWaitTimeoutError.
 *
 * The caller's first try failed with SQLITE_BUSY outside a transaction, so SQLite undid it whole: an
 * autocommit statement's implicit transaction rolled back, or `begin immediate` took no lock. Running it
 * again cannot apply anything twice, and no one else uses the connection until this statement settles.
 * (Inside a transaction SQLite's advice is to roll back instead, so callers raise the error at once there.)
 */
export async function waitForLock<T>(attempt: () => T, firstError: unknown, timeoutMs: number, sql: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = firstError;
  for (let tries = 0; ; tries++) {
    const left = deadline - Date.now();
    if (left <= 0) throw LockWaitTimeoutError.sqliteBusy(timeoutMs, { code: readFailure(last).code, sql, cause: last });
    await sleep(Math.min(BACKOFF_MS[Math.min(tries, BACKOFF_MS.length - 1)], left));
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      last = error;
    }
  }
}

import { ValidationError } from '../errors/validation-error';
import type { ConnectionOptions } from './driver';

/** How long a network driver waits for a new connection when `connectTimeoutMs` is not set. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Refuses a timeout that is not a finite number of milliseconds, before anything connects: positive, except
 * `busyTimeoutMs`, where 0 means "never wait for SQLite's lock".
 */
export function checkTimeouts(options: ConnectionOptions): void {
  for (const option of ['connectTimeoutMs', 'statementTimeoutMs', 'busyTimeoutMs'] as const) {
    const value = options[option];
    if (value === undefined) continue;
    const zeroAllowed = option === 'busyTimeoutMs';
    if (!(typeof value === 'number' && Number.isFinite(value) && (value > 0 || (zeroAllowed && value === 0)))) {
      throw ValidationError.badTimeout(option, value, zeroAllowed);
    }
  }
}

export function connectTimeoutOf(options: ConnectionOptions): number {
  return options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
}

/**
 * How long the client waits for a statement whose server-side limit is `statementTimeoutMs`. The server's own
 * error normally comes first; the grace (a quarter second to a second) covers its round trip, so that only a
 * silent server or network reaches this deadline.
 */
export function clientDeadlineOf(statementTimeoutMs: number): number {
  return statementTimeoutMs + Math.max(250, Math.min(statementTimeoutMs, 1000));
}

/**
 * `work`'s outcome, or the error `expire()` returns once `ms` pass first. The connection `work` waits on must
 * then be destroyed: a reply that may still come cannot be matched to the next statement.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, expire: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(expire()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

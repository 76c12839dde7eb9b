import { CommitOutcomeUnknownError, ConnectionError, DeadlockError, SerializationFailureError } from '../errors/driver-error';
import { ValidationError } from '../errors/validation-error';

/** How `em.transactional` runs its callback again after a failure a second attempt may not meet. */
export interface TransactionRetryOptions {
  /** Attempts in all, the first included (an integer, at least 1). */
  readonly attempts: number;
  /**
   * The wait before each new attempt, in ms. A number is a base, doubled at every attempt and jittered (half to
   * all of it), so that two transactions that deadlocked do not meet again; a function of the attempt about to
   * run (2, 3, ...) is used as it is. Default 20.
   */
  readonly backoff?: number | ((attempt: number) => number);
  /**
   * Also run again after a `ConnectionError` raised before COMMIT was sent: the server rolled the transaction
   * back, nothing was written. Default false. A `CommitOutcomeUnknownError` is never retried.
   */
  readonly connectionErrors?: boolean;
}

const DEFAULT_BACKOFF_MS = 20;

/**
 * Runs `attempt` (one whole transaction, in a fresh EntityManager each time) until it succeeds, fails in a way
 * that is not retried, or `options.attempts` are spent; the last error is raised.
 */
export async function withTransactionRetry<R>(attempt: () => Promise<R>, options: TransactionRetryOptions): Promise<R> {
  const { attempts, backoff = DEFAULT_BACKOFF_MS } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw ValidationError.badOption('retry.attempts', 'an integer of 1 or more', attempts);
  if (typeof backoff === 'number' && !(Number.isFinite(backoff) && backoff >= 0)) {
    throw ValidationError.badOption('retry.backoff', 'a number of milliseconds, 0 or more, or a function', backoff);
  }
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= attempts || !isRetried(error, options)) throw error;
    }
    const wait = typeof backoff === 'function' ? backoff(n + 1) : backoff * 2 ** (n - 1) * (0.5 + Math.random() / 2);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * What a new attempt may fix: the server rolled the transaction back and said why (a deadlock, a serialization
 * failure), or, when asked, the connection failed before COMMIT. A COMMIT whose outcome is unknown may have
 * written everything: running the work again could write it twice.
 */
function isRetried(error: unknown, options: TransactionRetryOptions): boolean {
  if (error instanceof DeadlockError || error instanceof SerializationFailureError) return true;
  return options.connectionErrors === true && error instanceof ConnectionError && !(error instanceof CommitOutcomeUnknownError);
}

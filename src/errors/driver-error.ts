import { TesseraError } from './tessera-error';

/** What the database said, kept for the user: the driver's code and the SQL (never the parameter values). */
export interface DriverErrorDetails {
  readonly code?: string;
  readonly sql?: string;
  readonly cause?: unknown;
}

/** An error raised by the database or its driver. `code` is the driver's own (SQLSTATE, errno name...). */
export class DriverError extends TesseraError {
  readonly code?: string;
  readonly sql?: string;

  constructor(message: string, details: DriverErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.code = details.code;
    this.sql = details.sql;
  }
}

/** The database could not be reached, or the connection was lost. */
export class ConnectionError extends DriverError {
  /** The pool's circuit breaker is open: the call failed fast, without trying to connect (`CircuitOpenError`). */
  get circuitOpen(): boolean {
    return false;
  }
  /** The statement was never sent: its connection was already known to be lost, so the server did not run it. */
  readonly notSent: boolean = false;

  static closed(dialect: string): ConnectionError {
    return new ConnectionError(`The ${dialect} connection is closed (the Orm was closed or never initialised).`);
  }

  /** Refused before sending: the connection was lost earlier (`notSent`). */
  static lost(dialect: string): ConnectionError {
    const error = new ConnectionError(
      `The ${dialect} connection was lost (the server closed it or the network failed). ` +
        'Its transaction, if any, was rolled back by the server; the pool replaces the connection.',
    );
    (error as { notSent: boolean }).notSent = true;
    return error;
  }

  /** A change feed's own connection (its PostgreSQL listener, its Redis reader) failed: the feed ended with it. */
  static changeFeedLost(transport: string, cause: unknown): ConnectionError {
    return new ConnectionError(
      `The change feed's ${transport} connection was lost, which ends the feed. Open a new one with orm.changes(); ` +
        'it starts with the changes committed from then on.',
      { cause },
    );
  }

  static cannotOpen(dialect: string, reason: string): ConnectionError {
    return new ConnectionError(`Cannot open the ${dialect} database: ${reason}`);
  }

  static acquireTimeout(dialect: string, ms: number): ConnectionError {
    return new ConnectionError(
      `Timed out after ${ms} ms waiting for a ${dialect} connection. Every connection is held, e.g. by a ` +
        'transaction waiting on work that itself needs a connection.',
    );
  }

  static acquireTimeoutConnecting(dialect: string, ms: number): ConnectionError {
    return new ConnectionError(
      `Timed out after ${ms} ms waiting for a ${dialect} connection: new connections are still being opened and ` +
        'the server has not answered them yet (it is slow, stalled or unreachable).',
    );
  }

  static connectTimeout(dialect: string, ms: number): ConnectionError {
    return new ConnectionError(
      `The ${dialect} server did not answer within ${ms} ms while connecting (connectTimeoutMs); the attempt was abandoned.`,
    );
  }
}

/**
 * A statement ran past `statementTimeoutMs`: stopped by the server (its transaction, if any, must be rolled
 * back), or the server did not answer by the client's deadline, and the connection was closed.
 */
export class QueryTimeoutError extends DriverError {
  static clientDeadline(dialect: string, ms: number, sql: string | undefined): QueryTimeoutError {
    return new QueryTimeoutError(
      `The ${dialect} server did not answer a statement within ${ms} ms (statementTimeoutMs, plus a grace for the ` +
        "server's own limit). The connection was closed and the pool replaces it; its transaction, if any, is lost.",
      { sql },
    );
  }
}

/**
 * The connection failed while COMMIT was on its way or its answer was: the server may have committed or not, and
 * nothing on this side can tell. Retrying blindly may write the changes twice; check the database first.
 */
export class CommitOutcomeUnknownError extends ConnectionError {
  static atCommit(cause: Error): CommitOutcomeUnknownError {
    return new CommitOutcomeUnknownError(
      `No answer to COMMIT arrived (${cause.message.split('\n')[0]}), so whether the transaction committed is unknown. ` +
        'Do not simply retry: check the database (in a fresh EntityManager) for the changes before writing them again.',
      { code: (cause as DriverError).code, sql: (cause as DriverError).sql, cause },
    );
  }
}

/**
 * The pool's circuit breaker is open: `failures` connection attempts in a row failed, so calls fail fast without
 * trying to connect until the cool-down ends and one probe gets through (`circuitBreaker` option).
 */
export class CircuitOpenError extends ConnectionError {
  override get circuitOpen(): boolean {
    return true;
  }

  static failingFast(dialect: string, failures: number, retryInMs: number): CircuitOpenError {
    return new CircuitOpenError(
      `The ${dialect} circuit breaker is open after ${failures} connection attempts in a row failed: calls fail fast ` +
        `without connecting; one probe tries again in ${Math.max(0, Math.ceil(retryInMs))} ms. Nothing was sent.`,
    );
  }
}

/** The database chose this transaction as a deadlock victim; retrying the whole transaction may succeed. */
export class DeadlockError extends DriverError {}

/**
 * The database refused the transaction because it could not be serialized with a concurrent one (PostgreSQL
 * SQLSTATE 40001, MariaDB's snapshot isolation "record has changed since last read"). It was rolled back;
 * retrying the whole transaction may succeed.
 */
export class SerializationFailureError extends DriverError {}

/** A lock could not be taken in time (or at once, with NOWAIT). */
export class LockWaitTimeoutError extends DriverError {
  static sqliteBusy(timeoutMs: number, details: DriverErrorDetails): LockWaitTimeoutError {
    return new LockWaitTimeoutError(
      `The SQLite database stayed locked by another connection for busyTimeoutMs (${timeoutMs} ms): ` +
        'the statement did not run and wrote nothing.',
      details,
    );
  }
}

/** A statement violated a constraint. */
export class ConstraintViolationError extends DriverError {}

export class UniqueConstraintViolationError extends ConstraintViolationError {}

export class ForeignKeyConstraintViolationError extends ConstraintViolationError {}

export class NotNullConstraintViolationError extends ConstraintViolationError {}

export class CheckConstraintViolationError extends ConstraintViolationError {}

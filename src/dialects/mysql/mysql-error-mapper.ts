import {
  CheckConstraintViolationError,
  ConnectionError,
  DeadlockError,
  DriverError,
  ForeignKeyConstraintViolationError,
  LockWaitTimeoutError,
  NotNullConstraintViolationError,
  UniqueConstraintViolationError,
} from '../../errors/driver-error';
import { TesseraError } from '../../errors/tessera-error';
import { driverErrorMessage } from '../error-message';

type DriverErrorClass = new (message: string, details: { code?: string; sql?: string; cause?: unknown }) => DriverError;

/** mysql2's error codes (server errors by name, client and socket errors by their own codes). */
const BY_CODE: Readonly<Record<string, DriverErrorClass>> = {
  ER_DUP_ENTRY: UniqueConstraintViolationError,
  ER_NO_REFERENCED_ROW: ForeignKeyConstraintViolationError,
  ER_NO_REFERENCED_ROW_2: ForeignKeyConstraintViolationError,
  ER_ROW_IS_REFERENCED: ForeignKeyConstraintViolationError,
  ER_ROW_IS_REFERENCED_2: ForeignKeyConstraintViolationError,
  ER_BAD_NULL_ERROR: NotNullConstraintViolationError,
  ER_NO_DEFAULT_FOR_FIELD: NotNullConstraintViolationError,
  ER_CHECK_CONSTRAINT_VIOLATED: CheckConstraintViolationError,
  ER_CONSTRAINT_FAILED: CheckConstraintViolationError,
  ER_LOCK_DEADLOCK: DeadlockError,
  ER_LOCK_WAIT_TIMEOUT: LockWaitTimeoutError,
  ER_LOCK_NOWAIT: LockWaitTimeoutError,
  ER_ACCESS_DENIED_ERROR: ConnectionError,
  ER_BAD_DB_ERROR: ConnectionError,
  ER_CON_COUNT_ERROR: ConnectionError,
  PROTOCOL_CONNECTION_LOST: ConnectionError,
  PROTOCOL_SEQUENCE_TIMEOUT: ConnectionError,
  ECONNREFUSED: ConnectionError,
  ECONNRESET: ConnectionError,
  ENOTFOUND: ConnectionError,
  ETIMEDOUT: ConnectionError,
  EPIPE: ConnectionError,
};

/** MariaDB's errno where mysql2 has no name for it (4025: CONSTRAINT .. failed, its CHECK violation). */
const BY_ERRNO: Readonly<Record<number, DriverErrorClass>> = { 4025: CheckConstraintViolationError };

// MySQL quotes values in single quotes ("Incorrect integer value: 'abc' for column ..."). Greedy from the first
// quote to the last, since a value may itself contain quotes.
const QUOTED = /'[\s\S]*'/g;
// "Duplicate entry '<value>' for key '<key>'": the key is the useful part, and the last quoted string.
const NOTHING = /$^/g;
const DUPLICATE_KEY = /for key '([^']*)'\s*$/;

export function mapMysqlError(error: unknown, sql: string | undefined): TesseraError {
  if (error instanceof TesseraError) return error;
  const err = error as { code?: string; errno?: number; message?: string };
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const ErrorClass = (code && BY_CODE[code]) || (err?.errno !== undefined && BY_ERRNO[err.errno]) || DriverError;
  let message = String(err?.message ?? error);
  if (code === 'ER_DUP_ENTRY') {
    const key = DUPLICATE_KEY.exec(message)?.[1];
    message = key ? `Duplicate entry for unique key '${key}'` : 'Duplicate entry for a unique key';
  }
  const redact = code === 'ER_DUP_ENTRY' ? NOTHING : QUOTED;
  return new ErrorClass(driverErrorMessage(message, sql, redact), { code, sql, cause: error });
}

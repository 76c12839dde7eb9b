import {
  CheckConstraintViolationError,
  ConnectionError,
  DeadlockError,
  DriverError,
  SerializationFailureError,
  ForeignKeyConstraintViolationError,
  LockWaitTimeoutError,
  NotNullConstraintViolationError,
  QueryTimeoutError,
  UniqueConstraintViolationError,
} from '../../errors/driver-error';
import type { TesseraError } from '../../errors/tessera-error';
import { mappedError, readFailure, REDACT_NOTHING, type DriverErrorClass } from '../../sql/error-message';

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
  // MariaDB's innodb_snapshot_isolation: a row changed by another transaction since this one's snapshot.
  ER_CHECKREAD: SerializationFailureError,
  ER_LOCK_WAIT_TIMEOUT: LockWaitTimeoutError,
  ER_LOCK_NOWAIT: LockWaitTimeoutError,
  // statementTimeoutMs: MariaDB's max_statement_time, MySQL's max_execution_time.
  ER_STATEMENT_TIMEOUT: QueryTimeoutError,
  ER_QUERY_TIMEOUT: QueryTimeoutError,
  ER_CONNECTION_KILLED: ConnectionError,
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

/** MariaDB's names for errnos mysql2 leaves without a code, so that the mapped error carries one. */
const MARIADB_NAMES: Readonly<Record<number, string>> = { 1927: 'ER_CONNECTION_KILLED', 1969: 'ER_STATEMENT_TIMEOUT' };

// MySQL quotes values in single quotes ("Incorrect integer value: 'abc' for column ..."). Greedy from the first
// quote to the last, since a value may itself contain quotes.
const QUOTED = /'[\s\S]*'/g;
// "Duplicate entry '<value>' for key '<key>'": the key is the useful part, and the last quoted string.
const DUPLICATE_KEY = /for key '([^']*)'\s*$/;

export function mapMysqlError(error: unknown, sql: string | undefined): TesseraError {
  const read = readFailure(error);
  const named = read.code ?? (read.errno !== undefined ? MARIADB_NAMES[read.errno] : undefined);
  const failure = named === read.code ? read : { ...read, code: named };
  const { code, errno } = failure;
  // A fatal error (the socket closed or failed, and with it the session) leaves the connection unusable; mysql2
  // says so with `fatal`, also on the "closed state" error of any later command.
  const fatal = (error as { fatal?: unknown } | undefined)?.fatal === true;
  const ErrorClass = (code && BY_CODE[code]) || (errno !== undefined && BY_ERRNO[errno]) || (fatal ? ConnectionError : DriverError);
  if (code !== 'ER_DUP_ENTRY') return mappedError(ErrorClass, error, failure, sql, QUOTED);
  const key = DUPLICATE_KEY.exec(failure.message)?.[1];
  const message = key ? `Duplicate entry for unique key '${key}'` : 'Duplicate entry for a unique key';
  return mappedError(ErrorClass, error, { ...failure, message }, sql, REDACT_NOTHING);
}

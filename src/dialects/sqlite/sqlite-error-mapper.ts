import {
  CheckConstraintViolationError,
  ConnectionError,
  DriverError,
  ForeignKeyConstraintViolationError,
  LockWaitTimeoutError,
  NotNullConstraintViolationError,
  UniqueConstraintViolationError,
} from '../../errors/driver-error';
import type { TesseraError } from '../../errors/tessera-error';
import { mappedError, readFailure, REDACT_NOTHING, type DriverErrorClass } from '../../sql/error-message';

/** better-sqlite3's extended result codes. */
const BY_CODE: Readonly<Record<string, DriverErrorClass>> = {
  SQLITE_CONSTRAINT_UNIQUE: UniqueConstraintViolationError,
  SQLITE_CONSTRAINT_PRIMARYKEY: UniqueConstraintViolationError,
  SQLITE_CONSTRAINT_FOREIGNKEY: ForeignKeyConstraintViolationError,
  SQLITE_CONSTRAINT_NOTNULL: NotNullConstraintViolationError,
  SQLITE_CONSTRAINT_CHECK: CheckConstraintViolationError,
  SQLITE_BUSY: LockWaitTimeoutError,
  SQLITE_LOCKED: LockWaitTimeoutError,
  SQLITE_CANTOPEN: ConnectionError,
  SQLITE_NOTADB: ConnectionError,
};

export function mapSqliteError(error: unknown, sql: string | undefined): TesseraError {
  const failure = readFailure(error);
  // better-sqlite3 says a closed database (orm.close() cut a transaction off at its deadline) with a plain TypeError.
  const closed = !failure.code && failure.message === 'The database connection is not open';
  const ErrorClass = (failure.code && BY_CODE[failure.code]) || (closed ? ConnectionError : DriverError);
  // SQLite's messages name columns, not values: nothing to redact.
  return mappedError(ErrorClass, error, failure, sql, REDACT_NOTHING);
}

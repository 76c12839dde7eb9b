import {
  CheckConstraintViolationError,
  ConnectionError,
  DriverError,
  ForeignKeyConstraintViolationError,
  LockWaitTimeoutError,
  NotNullConstraintViolationError,
  UniqueConstraintViolationError,
} from '../../errors/driver-error';
import { TesseraError } from '../../errors/tessera-error';
import { driverErrorMessage } from '../error-message';

type DriverErrorClass = new (message: string, details: { code?: string; sql?: string; cause?: unknown }) => DriverError;

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

// SQLite's messages name columns, not values; nothing to redact.
const NOTHING = /$^/g;

export function mapSqliteError(error: unknown, sql: string | undefined): TesseraError {
  if (error instanceof TesseraError) return error;
  const err = error as { code?: string; message?: string };
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const ErrorClass = (code && BY_CODE[code]) || DriverError;
  return new ErrorClass(driverErrorMessage(String(err?.message ?? error), sql, NOTHING), { code, sql, cause: error });
}

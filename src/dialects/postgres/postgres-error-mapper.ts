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

/** SQLSTATE codes, and Node's socket error codes for connections that fail or drop. */
const BY_CODE: Readonly<Record<string, DriverErrorClass>> = {
  '23505': UniqueConstraintViolationError,
  '23503': ForeignKeyConstraintViolationError,
  '23502': NotNullConstraintViolationError,
  '23514': CheckConstraintViolationError,
  '40P01': DeadlockError,
  '55P03': LockWaitTimeoutError,
  '57P01': ConnectionError,
  '57P02': ConnectionError,
  '57P03': ConnectionError,
  '3D000': ConnectionError,
  '28000': ConnectionError,
  '28P01': ConnectionError,
  ECONNREFUSED: ConnectionError,
  ECONNRESET: ConnectionError,
  ENOTFOUND: ConnectionError,
  ETIMEDOUT: ConnectionError,
  EPIPE: ConnectionError,
};

// Data exceptions (class 22) quote the offending input: "invalid input syntax for type integer: "abc"".
// Greedy from the first quote to the last, since the input may itself contain quotes.
const QUOTED = /"[\s\S]*"/g;
const NOTHING = /$^/g;

export function mapPostgresError(error: unknown, sql: string | undefined): TesseraError {
  if (error instanceof TesseraError) return error;
  const err = error as { code?: string; message?: string };
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const message = String(err?.message ?? error);
  let ErrorClass = (code && BY_CODE[code]) || (code?.startsWith('08') ? ConnectionError : DriverError);
  // node-postgres reports a socket closed under it without a code.
  if (!code && /Connection terminated|connection error|Client has encountered a connection error/i.test(message)) {
    ErrorClass = ConnectionError;
  }
  const redact = code?.startsWith('22') ? QUOTED : NOTHING;
  return new ErrorClass(driverErrorMessage(message, sql, redact), { code, sql, cause: error });
}

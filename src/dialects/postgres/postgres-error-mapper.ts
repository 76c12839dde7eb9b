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

/** SQLSTATE codes, and Node's socket error codes for connections that fail or drop. */
const BY_CODE: Readonly<Record<string, DriverErrorClass>> = {
  '23505': UniqueConstraintViolationError,
  '23503': ForeignKeyConstraintViolationError,
  '23502': NotNullConstraintViolationError,
  '23514': CheckConstraintViolationError,
  '40001': SerializationFailureError,
  '40P01': DeadlockError,
  '55P03': LockWaitTimeoutError,
  // query_canceled: statement_timeout (statementTimeoutMs), or a cancel request.
  '57014': QueryTimeoutError,
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

export function mapPostgresError(error: unknown, sql: string | undefined): TesseraError {
  const failure = readFailure(error);
  const { code } = failure;
  let ErrorClass = (code && BY_CODE[code]) || (code?.startsWith('08') ? ConnectionError : DriverError);
  // node-postgres reports a socket closed under it without a code.
  if (!code && /Connection terminated|connection error|Client has encountered a connection error/i.test(failure.message)) {
    ErrorClass = ConnectionError;
  }
  // pg's own query_timeout (a `?query_timeout=` in the URL) gave up waiting; the driver discards the client.
  if (!code && failure.message === 'Query read timeout') ErrorClass = QueryTimeoutError;
  return mappedError(ErrorClass, error, failure, sql, code?.startsWith('22') ? QUOTED : REDACT_NOTHING);
}

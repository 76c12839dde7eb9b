import { DriverError, type DriverErrorDetails } from '../errors/driver-error';
import { TesseraError } from '../errors/tessera-error';

/** How much of a statement an error message quotes; the whole SQL stays on the error's `sql` property. */
const SQL_IN_MESSAGE = 300;

/** A mapped error class: DriverError or one of its subclasses. */
export type DriverErrorClass = new (message: string, details: DriverErrorDetails) => DriverError;

/** What every driver's error carries, read defensively (drivers throw plain Errors too). */
export interface DriverFailure {
  readonly code?: string;
  readonly errno?: number;
  readonly message: string;
}

/** A regular expression that matches nothing: for messages with no values in them. */
export const REDACT_NOTHING = /$^/g;

export function readFailure(error: unknown): DriverFailure {
  const err = error as { code?: unknown; errno?: unknown; message?: unknown } | undefined;
  return {
    code: typeof err?.code === 'string' ? err.code : undefined,
    errno: typeof err?.errno === 'number' ? err.errno : undefined,
    message: String(err?.message ?? error),
  };
}

/**
 * Builds the mapped error: the driver's message with quoted literals redacted (some databases quote the
 * offending value, and values never reach a message), then the start of the SQL; the code, the SQL and the
 * original error ride along as properties. Errors Tessera raised itself pass through untouched.
 */
export function mappedError(
  ErrorClass: DriverErrorClass,
  error: unknown,
  failure: DriverFailure,
  sql: string | undefined,
  redact: RegExp,
): TesseraError {
  if (error instanceof TesseraError) return error;
  const text = failure.message.replace(redact, (quoted) => `${quoted[0]}…${quoted[quoted.length - 1]}`);
  const shown = !sql ? '' : `\n  in: ${sql.length > SQL_IN_MESSAGE ? `${sql.slice(0, SQL_IN_MESSAGE)}…` : sql}`;
  return new ErrorClass(text + shown, { code: failure.code, sql, cause: error });
}

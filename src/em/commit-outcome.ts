import { ConnectionError, QueryTimeoutError } from '../errors/driver-error';

/**
 * Whether an error raised by COMMIT leaves the transaction's outcome unknown. A connection-level failure does:
 * the server may have committed before the connection went, or its answer may be what was lost; so does a
 * client-side deadline (a `QueryTimeoutError` without a server code), which closed the connection. A definite
 * refusal from the server (a deferred constraint, a serialization failure at commit) does not: nothing was
 * committed, and the error is reported as it is. Nor does a COMMIT refused before it was sent, on a connection
 * already known lost (`notSent`): the server never saw it and rolled the transaction back.
 */
export function isCommitOutcomeUnknown(error: unknown): boolean {
  return (error instanceof ConnectionError && !error.notSent) || (error instanceof QueryTimeoutError && error.code === undefined);
}

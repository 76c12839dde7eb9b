/** How much of a statement an error message quotes; the whole SQL stays on the error's `sql` property. */
const SQL_IN_MESSAGE = 300;

/**
 * The message of a mapped driver error: the driver's own text with quoted literals redacted (some databases
 * quote the offending value, and values never reach a message), then the start of the SQL.
 */
export function driverErrorMessage(driverMessage: string, sql: string | undefined, redact: RegExp): string {
  const text = driverMessage.replace(redact, (quoted) => `${quoted[0]}…${quoted[quoted.length - 1]}`);
  if (!sql) return text;
  const shown = sql.length > SQL_IN_MESSAGE ? `${sql.slice(0, SQL_IN_MESSAGE)}…` : sql;
  return `${text}\n  in: ${shown}`;
}

import {
  CheckConstraintViolationError,
  ConnectionError,
  DeadlockError,
  DriverError,
  ForeignKeyConstraintViolationError,
  LockWaitTimeoutError,
  NotNullConstraintViolationError,
  QueryTimeoutError,
  TesseraError,
  UniqueConstraintViolationError,
} from '../../../../src';
import { mapPostgresError } from '../../../../src/dialects/postgres/postgres-error-mapper';

const SQL = 'insert into "authors" ("name", "email") values ($1, $2) returning "id"';

/** node-postgres's DatabaseError carries the SQLSTATE as `code`; the offending values go in `detail`, not `message`. */
const pgError = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, severity: 'ERROR', ...extra });

describe('mapPostgresError', () => {
  it.each([
    [
      '23505',
      'duplicate key value violates unique constraint "authors_email_unique"',
      UniqueConstraintViolationError,
    ],
    [
      '23503',
      'insert or update on table "books" violates foreign key constraint "books_author_id_foreign"',
      ForeignKeyConstraintViolationError,
    ],
    ['23502', 'null value in column "email" of relation "authors" violates not-null constraint', NotNullConstraintViolationError],
    ['23514', 'new row for relation "authors" violates check constraint "authors_status_check"', CheckConstraintViolationError],
    ['40P01', 'deadlock detected', DeadlockError],
    ['55P03', 'could not obtain lock on row in relation "authors"', LockWaitTimeoutError],
    ['57P01', 'terminating connection due to administrator command', ConnectionError],
    ['28P01', 'password authentication failed for user "tessera"', ConnectionError],
    ['3D000', 'database "nope" does not exist', ConnectionError],
    ['08006', 'connection failure', ConnectionError],
    ['57014', 'canceling statement due to statement timeout', QueryTimeoutError],
    ['42P01', 'relation "nope" does not exist', DriverError],
  ])('maps SQLSTATE %s to the right class, keeping code, sql and message', (code, message, ErrorClass) => {
    const cause = pgError(code, message);

    const error = mapPostgresError(cause, SQL);

    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.constructor).toBe(ErrorClass);
    expect(error).toMatchObject({ code, sql: SQL, name: ErrorClass.name });
    expect(error.message).toBe(`${message}\n  in: ${SQL}`);
    expect(error.cause).toBe(cause);
  });

  it('never puts the duplicated value in the message', () => {
    const cause = pgError('23505', 'duplicate key value violates unique constraint "authors_email_unique"', {
      detail: 'Key (email)=(ada@example.com) already exists.',
      constraint: 'authors_email_unique',
    });

    const error = mapPostgresError(cause, SQL);

    expect(error).toBeInstanceOf(UniqueConstraintViolationError);
    expect(error.message).toContain('authors_email_unique');
    expect(error.message).not.toContain('ada@example.com');
  });

  it.each([
    ['22P02', 'invalid input syntax for type integer: "not-a-number"', 'not-a-number'],
    ['22P02', 'invalid input value for enum author_status: "secret-status"', 'secret-status'],
    ['22007', 'invalid input syntax for type timestamp with time zone: "2024-13-45 99:99"', '2024-13-45'],
    ['22003', 'value "99999999999" is out of range for type integer', '99999999999'],
  ])('redacts the quoted input of a data exception (%s)', (code, message, value) => {
    const error = mapPostgresError(pgError(code, message), SQL);

    expect(error.constructor).toBe(DriverError);
    expect((error as DriverError).code).toBe(code);
    expect(error.message).not.toContain(value);
    expect(error.message).toContain('"…"');
  });

  // Regression, fixed in e76771f: PostgreSQL prints the bad input between double quotes without escaping the
  // ones inside it (checked on a server: `select '12"hunter2'::int`), and the mapper's /"[^"]*"/g stopped at
  // the first inner quote, so the rest of the value reached the message.
  it('redacts a bad input that itself contains a double quote (regression: the tail of the value leaked)', () => {
    const error = mapPostgresError(pgError('22P02', 'invalid input syntax for type integer: "12"hunter2"'), SQL);

    expect(error.message).not.toContain('hunter2');
  });

  it('does not redact identifiers outside data exceptions', () => {
    expect(mapPostgresError(pgError('42P01', 'relation "nope" does not exist'), undefined).message).toBe(
      'relation "nope" does not exist',
    );
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE'])('maps the socket error %s to ConnectionError', (code) => {
    const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });

    const error = mapPostgresError(cause, undefined);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code, sql: undefined, message: `connect ${code} 127.0.0.1:5432` });
  });

  it.each(['Connection terminated unexpectedly', 'Client has encountered a connection error and is not queryable'])(
    'maps node-postgres "%s" (no code) to ConnectionError',
    (message) => {
      const error = mapPostgresError(new Error(message), SQL);

      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as DriverError).code).toBeUndefined();
    },
  );

  it("maps node-postgres's own query_timeout to QueryTimeoutError", () => {
    expect(mapPostgresError(new Error('Query read timeout'), SQL)).toBeInstanceOf(QueryTimeoutError);
  });

  it('maps anything else to a plain DriverError', () => {
    const error = mapPostgresError('something odd', undefined);

    expect(error.constructor).toBe(DriverError);
    expect(error.message).toBe('something odd');
  });

  it('returns a Tessera error unchanged', () => {
    const original = ConnectionError.closed('postgres');

    expect(mapPostgresError(original, SQL)).toBe(original);
    expect(original).toBeInstanceOf(TesseraError);
  });

  it('quotes at most 300 characters of the SQL in the message but keeps all of it on the error', () => {
    const longSql = `select ${Array.from({ length: 100 }, (_, i) => `"column_${i}"`).join(', ')} from "t"`;

    const error = mapPostgresError(pgError('42703', 'column "x" does not exist'), longSql) as DriverError;

    expect(error.sql).toBe(longSql);
    expect(error.message).toBe(`column "x" does not exist\n  in: ${longSql.slice(0, 300)}…`);
  });
});

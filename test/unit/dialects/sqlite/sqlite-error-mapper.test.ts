import {
  CheckConstraintViolationError,
  ConnectionError,
  DriverError,
  ForeignKeyConstraintViolationError,
  LockWaitTimeoutError,
  NotNullConstraintViolationError,
  UniqueConstraintViolationError,
} from '../../../../src';
import { mapSqliteError } from '../../../../src/dialects/sqlite/sqlite-error-mapper';

const SQL = 'insert into "authors" ("name", "email") values (?, ?) returning "id"';

/** better-sqlite3's SqliteError: an Error whose `code` is SQLite's extended result code. */
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { name: 'SqliteError', code });

describe('mapSqliteError', () => {
  it.each([
    ['SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: authors.email', UniqueConstraintViolationError],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 'UNIQUE constraint failed: authors.id', UniqueConstraintViolationError],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed', ForeignKeyConstraintViolationError],
    ['SQLITE_CONSTRAINT_NOTNULL', 'NOT NULL constraint failed: authors.email', NotNullConstraintViolationError],
    ['SQLITE_CONSTRAINT_CHECK', 'CHECK constraint failed: status', CheckConstraintViolationError],
    ['SQLITE_BUSY', 'database is locked', LockWaitTimeoutError],
    ['SQLITE_LOCKED', 'database table is locked', LockWaitTimeoutError],
    ['SQLITE_CANTOPEN', 'unable to open database file', ConnectionError],
    ['SQLITE_NOTADB', 'file is not a database', ConnectionError],
    ['SQLITE_ERROR', 'no such table: nope', DriverError],
  ])('maps %s to the right class, keeping code, sql and message', (code, message, ErrorClass) => {
    const cause = sqliteError(code, message);

    const error = mapSqliteError(cause, SQL);

    expect(error.constructor).toBe(ErrorClass);
    expect(error).toMatchObject({ code, sql: SQL, name: ErrorClass.name, message: `${message}\n  in: ${SQL}` });
    expect(error.cause).toBe(cause);
  });

  it('names the column, never the value, of a unique violation', () => {
    const error = mapSqliteError(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: authors.email'), SQL);

    expect(error.message).toContain('authors.email');
    expect(error.message).not.toContain('ada@example.com');
  });

  it('maps an error without a code to a plain DriverError', () => {
    const error = mapSqliteError(new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null'), undefined);

    expect(error.constructor).toBe(DriverError);
    expect(error).toMatchObject({ code: undefined, sql: undefined });
  });
});

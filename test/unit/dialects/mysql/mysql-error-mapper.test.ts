import {
  CheckConstraintViolationError,
  ConnectionError,
  DeadlockError,
  DriverError,
  ForeignKeyConstraintViolationError,
  LockWaitTimeoutError,
  NotNullConstraintViolationError,
  QueryTimeoutError,
  UniqueConstraintViolationError,
} from '../../../../src';
import { mapMysqlError } from '../../../../src/dialects/mysql/mysql-error-mapper';

const SQL = 'insert into `authors` (`name`, `email`) values (?, ?)';

/** mysql2's server errors: `code` is the error name, `errno` its number, `sqlState` the SQLSTATE. */
const mysqlError = (code: string | undefined, errno: number, message: string, sqlState = 'HY000') =>
  Object.assign(new Error(message), { code, errno, sqlState, sqlMessage: message });

describe('mapMysqlError', () => {
  it.each([
    ['ER_DUP_ENTRY', 1062, "Duplicate entry 'ada@example.com' for key 'authors_email_unique'", UniqueConstraintViolationError],
    [
      'ER_NO_REFERENCED_ROW_2',
      1452,
      'Cannot add or update a child row: a foreign key constraint fails (`test`.`books`, CONSTRAINT `books_author_id_foreign` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`))',
      ForeignKeyConstraintViolationError,
    ],
    [
      'ER_ROW_IS_REFERENCED_2',
      1451,
      'Cannot delete or update a parent row: a foreign key constraint fails (`test`.`books`, CONSTRAINT `books_author_id_foreign`)',
      ForeignKeyConstraintViolationError,
    ],
    ['ER_BAD_NULL_ERROR', 1048, "Column 'email' cannot be null", NotNullConstraintViolationError],
    ['ER_NO_DEFAULT_FOR_FIELD', 1364, "Field 'email' doesn't have a default value", NotNullConstraintViolationError],
    ['ER_CHECK_CONSTRAINT_VIOLATED', 3819, "Check constraint 'authors_chk_1' is violated.", CheckConstraintViolationError],
    ['ER_LOCK_DEADLOCK', 1213, 'Deadlock found when trying to get lock; try restarting transaction', DeadlockError],
    ['ER_LOCK_WAIT_TIMEOUT', 1205, 'Lock wait timeout exceeded; try restarting transaction', LockWaitTimeoutError],
    ['ER_LOCK_NOWAIT', 3572, 'Statement aborted because lock(s) could not be acquired immediately and NOWAIT is set.', LockWaitTimeoutError],
    ['ER_ACCESS_DENIED_ERROR', 1045, "Access denied for user 'tessera'@'localhost' (using password: YES)", ConnectionError],
    ['ER_QUERY_TIMEOUT', 3024, 'Query execution was interrupted, maximum statement execution time exceeded', QueryTimeoutError],
    ['ER_NO_SUCH_TABLE', 1146, "Table 'test.nope' doesn't exist", DriverError],
  ])('maps %s (errno %s) to the right class, keeping code and sql', (code, errno, message, ErrorClass) => {
    const cause = mysqlError(code, errno, message);

    const error = mapMysqlError(cause, SQL);

    expect(error.constructor).toBe(ErrorClass);
    expect(error).toMatchObject({ code, sql: SQL, name: ErrorClass.name });
    expect(error.message.endsWith(`\n  in: ${SQL}`)).toBe(true);
    expect(error.cause).toBe(cause);
  });

  it.each([
    [1969, 'Query execution was interrupted (max_statement_time exceeded)', 'ER_STATEMENT_TIMEOUT', QueryTimeoutError],
    [1927, 'Connection was killed', 'ER_CONNECTION_KILLED', ConnectionError],
  ])('names MariaDB errno %s, which mysql2 leaves without a code, and maps it', (errno, message, code, ErrorClass) => {
    const error = mapMysqlError(mysqlError(undefined, errno, message), SQL);

    expect(error.constructor).toBe(ErrorClass);
    expect(error).toMatchObject({ code });
  });

  it("maps mysql2's fatal errors (a lost socket, and every command after it) to ConnectionError", () => {
    const closed = Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true });

    expect(mapMysqlError(closed, SQL)).toBeInstanceOf(ConnectionError);
  });

  it('never puts the duplicated value in the message', () => {
    const cause = mysqlError('ER_DUP_ENTRY', 1062, "Duplicate entry 'ada@example.com' for key 'authors_email_unique'", '23000');

    const error = mapMysqlError(cause, SQL);

    expect(error).toBeInstanceOf(UniqueConstraintViolationError);
    expect(error.message).toMatch(/^Duplicate entry/);
    expect(error.message).toContain('authors_email_unique');
    expect(error.message).not.toContain('ada@example.com');
  });

  it('redacts values in other messages that quote them', () => {
    const cause = mysqlError('ER_TRUNCATED_WRONG_VALUE_FOR_FIELD', 1366, "Incorrect integer value: 'forty-two' for column 'age' at row 1");

    const error = mapMysqlError(cause, SQL);

    expect(error.constructor).toBe(DriverError);
    expect(error.message).not.toContain('forty-two');
  });

  // Regression, fixed in e76771f: MySQL prints the duplicated value between single quotes without escaping the
  // quotes inside it ("Duplicate entry '%-.192s' for key '%-.192s'"; checked on MariaDB 10.11), and the mapper's
  // /'[^']*'/g stopped at the first inner quote, so the rest of the value reached the message.
  it("redacts a duplicated value that itself contains a quote (regression: the tail of the value leaked)", () => {
    const cause = mysqlError('ER_DUP_ENTRY', 1062, "Duplicate entry 'o'brien@example.com' for key 'authors_email_unique'");

    expect(mapMysqlError(cause, SQL).message).not.toContain('brien@example.com');
  });

  it('maps MariaDB CHECK violations by errno (4025)', () => {
    const error = mapMysqlError(mysqlError(undefined, 4025, "CONSTRAINT `authors.status` failed for `test`.`authors`"), SQL);

    expect(error).toBeInstanceOf(CheckConstraintViolationError);
  });

  it.each(['PROTOCOL_CONNECTION_LOST', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])('maps the client error %s to ConnectionError', (code) => {
    const cause = Object.assign(new Error('Connection lost: The server closed the connection.'), { code, fatal: true });

    const error = mapMysqlError(cause, undefined);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code, sql: undefined });
  });

  it('maps anything else to a plain DriverError without a code', () => {
    const error = mapMysqlError(new Error('boom'), undefined);

    expect(error.constructor).toBe(DriverError);
    expect(error).toMatchObject({ message: 'boom', code: undefined });
  });
});

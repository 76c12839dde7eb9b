import type { SchemaStatement } from '../dialects/dialect';
import type { Connection, Driver } from '../dialects/driver';
import { MigrationError, type MigrationDirection } from '../errors/migration-error';
import { CompiledQuery } from '../query/compiler/compiled-query';

/** What one migration's run needs from the runner. */
export interface StepContext {
  readonly driver: Driver;
  readonly connection: Connection;
  readonly transactional: boolean;
  /** The migration's transaction is open already, and the migration was found pending inside it. */
  readonly open: boolean;
  readonly name: string;
  readonly direction: MigrationDirection;
  /** Whether the migration is (still) to run, read inside its transaction. */
  stillPending(): Promise<boolean>;
  /** Writes (up) or deletes (down) the migration's row. */
  record(): Promise<void>;
}

/**
 * @internal Runs one migration's rendered statements with its row in the migrations table. Where DDL is
 * transactional, the statements run in one transaction with the row (the one the runner opened, where it read
 * the schema), and a statement `outsideTransaction` commits what ran before it and runs alone. Statements
 * before the first transactional one end the open transaction (it wrote nothing) and run first; then a
 * transaction opens again and the migration is checked again (another runner may have finished it meanwhile:
 * on SQLite that check, under `begin immediate`, is the lock). The row is written with the migration's last
 * change; only the statements that restore a setting (`always`) follow it, and they run even after a failure.
 * Returns false when the check found the migration done.
 */
export async function runMigrationStep(context: StepContext, statements: readonly SchemaStatement[]): Promise<boolean> {
  const { driver, connection, transactional } = context;
  const leading = statements.findIndex((s) => !s.outsideTransaction);
  const firstInside = leading < 0 ? statements.length : leading;
  let lastChange = -1;
  statements.forEach((s, i) => {
    if (!s.always) lastChange = i;
  });
  let open = context.open;
  let next = 0;
  // The last statement that ran: after a failure, the restoring statements after it still run.
  let ran = -1;
  // Statements that committed for good (or ran outside any transaction) before a failure, for its message.
  const durable: string[] = [];
  const pending: string[] = [];
  const begin = async () => {
    await driver.begin(connection);
    open = true;
  };
  const fail = (sql: string, error: unknown) =>
    MigrationError.statementFailed(context.name, context.direction, sql, error, { transactional, committed: durable });
  const commit = async () => {
    // A deferred constraint is checked here: a failed commit is this migration's failure too.
    await driver.commit(connection).catch((error: unknown) => {
      throw fail('commit', error);
    });
    open = false;
    durable.push(...pending.splice(0));
  };
  const execute = async (statement: SchemaStatement) => {
    try {
      await connection.execute(CompiledQuery.create(statement.sql, []));
    } catch (error) {
      throw fail(statement.sql, error);
    }
    if (statement.always) return;
    if (open) pending.push(statement.sql);
    else durable.push(statement.sql);
  };
  const recordAfter = async (index: number) => {
    if (index !== lastChange) return;
    if (transactional && !open) await begin();
    await context.record();
  };

  try {
    if (open && firstInside > 0) {
      await driver.rollback(connection);
      open = false;
    }
    // Still open: the caller's check, made in this very transaction, holds.
    const checked = open;
    for (; next < firstInside; next++) {
      await execute(statements[next]);
      ran = next;
    }
    if (transactional && !open) await begin();
    if (!checked && !(await context.stillPending())) {
      if (open) await driver.rollback(connection);
      open = false;
      await restore(statements.slice(next), execute);
      return false;
    }
    // No change after the check (none at all, or only statements that had to run before it): the row now.
    if (lastChange < firstInside) await context.record();
    for (; next < statements.length; next++) {
      const statement = statements[next];
      if (statement.outsideTransaction && open) await commit();
      else if (!statement.outsideTransaction && transactional && !open) await begin();
      await execute(statement);
      ran = next;
      await recordAfter(next);
    }
    if (open) await commit();
    return true;
  } catch (error) {
    if (open) await driver.rollback(connection).catch(() => undefined);
    open = false;
    await restore(statements.slice(ran + 1), execute);
    throw error;
  }
}

async function restore(statements: readonly SchemaStatement[], execute: (s: SchemaStatement) => Promise<void>): Promise<void> {
  for (const statement of statements) if (statement.always) await execute(statement).catch(() => undefined);
}

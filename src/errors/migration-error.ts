import { TesseraError } from './tessera-error';

/** Which way a migration was being run. */
export type MigrationDirection = 'up' | 'down';

/**
 * A migration could not be written, loaded or run. When a statement failed, `migration` and `statement` say
 * which, and `cause` is the database's error (a DriverError with its code).
 */
export class MigrationError extends TesseraError {
  /** The migration at fault, when there is one. */
  readonly migration?: string;
  /** The SQL statement that failed, when one did. */
  readonly statement?: string;

  constructor(message: string, details: { migration?: string; statement?: string; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.migration = details.migration;
    this.statement = details.statement;
  }

  /**
   * @param outcome `committed`: statements of this migration that had run outside its transaction (or in a
   * part of it that committed) before the failure, and so stayed applied.
   */
  static statementFailed(
    migration: string,
    direction: MigrationDirection,
    statement: string,
    cause: unknown,
    outcome: { readonly transactional: boolean; readonly committed: readonly string[] },
  ): MigrationError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    let state: string;
    if (!outcome.transactional) {
      state =
        'This database has no transactional DDL: the statements before this one stayed applied, and the migration is not recorded as run. ' +
        'Repair the schema by hand before running it again.';
    } else if (outcome.committed.length === 0) {
      state = 'Its transaction was rolled back: the schema and the migrations table are as they were before it.';
    } else {
      state =
        `Its transaction was rolled back, but these statements had run outside it and stayed applied:\n${outcome.committed.map((s) => `  ${s}`).join('\n')}\n` +
        'The migration is not recorded as run.';
    }
    return new MigrationError(`Migration ${migration} (${direction}) failed at the statement:\n  ${statement}\n${reason}\n${state}`, {
      migration,
      statement,
      cause,
    });
  }

  static failed(migration: string, direction: MigrationDirection, cause: unknown): MigrationError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new MigrationError(`Migration ${migration} (${direction}) failed before sending SQL: ${reason}`, { migration, cause });
  }

  static irreversible(migration: string, reason: string): MigrationError {
    return new MigrationError(`Migration ${migration} cannot be reverted: ${reason}`, { migration });
  }

  static unknownMigration(name: string, known: readonly string[]): MigrationError {
    return new MigrationError(`There is no migration named ${name}. Known: ${known.join(', ') || '(none)'}.`, { migration: name });
  }

  static missingMigrations(names: readonly string[]): MigrationError {
    return new MigrationError(
      `The migrations table lists ${names.join(', ')}, but no such migration was found in the folder or list: ` +
        'restore the file(s) before reverting past them.',
    );
  }

  static duplicateName(name: string): MigrationError {
    return new MigrationError(`Two migrations are named ${name}: names must be unique.`, { migration: name });
  }

  static badModule(path: string, reason: string): MigrationError {
    return new MigrationError(`${path} is not a migration: ${reason}`);
  }

  static lockTimeout(ms: number): MigrationError {
    return new MigrationError(
      `Another process held the migration lock for ${ms} ms. Wait for it to finish (or raise migrations.lockTimeout).`,
    );
  }

  static unknownSchemaObject(kind: string, name: string, table?: string): MigrationError {
    return new MigrationError(`The schema builder found no ${kind} ${name}${table ? ` in table ${table}` : ''} to change.`);
  }

  static pendingMigrations(names: readonly string[]): MigrationError {
    return new MigrationError(`Run the pending migrations first (${names.join(', ')}): a migration generated now would repeat their changes.`);
  }

  static noPath(): MigrationError {
    return new MigrationError('No migrations folder is configured: set migrations.path in the Orm options to write migration files.');
  }
}

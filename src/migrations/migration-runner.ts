import { performance } from 'node:perf_hooks';
import type { Dialect, SchemaStatement } from '../dialects/dialect';
import type { Connection, Driver } from '../dialects/driver';
import { MigrationError, type MigrationDirection } from '../errors/migration-error';
import { runMigrationStep } from './migration-step';
import { introspectorOn, schemaGeneratorOf } from './introspect-on';
import type { MigrationClass } from './migration';
import type { MigrationEvents } from './migration-event';
import type { ExecutedMigration, MigrationsTable } from './migrations-table';

/** A migration the runner can run: its name (as the migrations table keeps it) and its class. */
export interface LoadedMigration {
  readonly name: string;
  readonly migrationClass: MigrationClass;
}

/** How often a runner waiting for the migration lock tries again. */
const LOCK_POLL_MS = 100;

/**
 * @internal Runs migrations on one connection, holding the dialect's migration lock (where it has one) from
 * before the migrations table is read until the last migration is done. Where DDL is transactional, each
 * migration's transaction opens first; inside it the runner reads the table again (a migration another runner
 * finished meanwhile is skipped), reads the schema, records what `up()` or `down()` says against it, has the
 * dialect render that, and hands the statements to runMigrationStep, which runs them with the migration's row.
 * On SQLite, where `begin immediate` is the only lock, that order is what keeps two runners apart.
 */
export class MigrationRunner {
  constructor(
    private readonly driver: Driver,
    private readonly dialect: Dialect,
    private readonly table: MigrationsTable,
    private readonly events: MigrationEvents,
    private readonly lockTimeoutMs: number,
  ) {}

  /** The migrations table's rows, in execution order; none before the first run has created the table. */
  executed(): Promise<ExecutedMigration[]> {
    return this.withConnection(async (connection) => {
      const tables = await introspectorOn(this.dialect, connection).listTables();
      return tables.includes(this.table.name) ? this.list(connection) : [];
    });
  }

  /**
   * Runs, in `direction`, the migrations `plan` picks from the executed ones; returns the names it ran.
   * `plan` sees the table as it is once the lock is held.
   */
  run(direction: MigrationDirection, plan: (executed: readonly ExecutedMigration[]) => readonly LoadedMigration[]): Promise<string[]> {
    return this.withConnection((connection) =>
      this.locked(connection, async () => {
        await connection.execute(this.table.create());
        const steps = plan(await this.list(connection));
        if (steps.length > 0 && !this.dialect.capabilities.transactionalDdl) {
          this.events.emit({
            kind: 'warning',
            message:
              `${this.dialect.name} has no transactional DDL: each migration's statements commit one by one. ` +
              'If one fails, the statements before it stay applied and the migration is not recorded as run.',
          });
        }
        const ran: string[] = [];
        for (const migration of steps) if (await this.step(connection, migration, direction)) ran.push(migration.name);
        return ran;
      }),
    );
  }

  private async step(connection: Connection, migration: LoadedMigration, direction: MigrationDirection): Promise<boolean> {
    const done = (rows: readonly ExecutedMigration[]) => rows.some((row) => row.name === migration.name) === (direction === 'up');
    const transactional = this.dialect.capabilities.transactionalDdl;
    // The migration's transaction opens before the table and the schema are read: on SQLite `begin immediate`
    // is the only lock between runners, and a schema read before it may be one another runner is changing.
    if (transactional) await this.driver.begin(connection);
    const started = performance.now();
    let statements: readonly SchemaStatement[];
    try {
      if (done(await this.list(connection))) {
        if (transactional) await this.driver.rollback(connection);
        return false;
      }
      this.events.emit({ kind: 'start', name: migration.name, direction });
      const current = await introspectorOn(this.dialect, connection).introspect();
      const operations = await new migration.migrationClass().record(direction, current, migration.name);
      statements = schemaGeneratorOf(this.dialect).render(operations, current);
    } catch (error) {
      if (transactional) await this.driver.rollback(connection).catch(() => undefined);
      throw error;
    }
    const ran = await runMigrationStep(
      {
        driver: this.driver,
        connection,
        transactional,
        open: transactional,
        name: migration.name,
        direction,
        stillPending: async () => !done(await this.list(connection)),
        record: async () => {
          await connection.execute(direction === 'up' ? this.table.insert(migration.name, new Date()) : this.table.delete(migration.name));
        },
      },
      statements,
    );
    if (ran) this.events.emit({ kind: 'done', name: migration.name, direction, durationMs: performance.now() - started, statements: statements.length });
    return ran;
  }

  private async list(connection: Connection): Promise<ExecutedMigration[]> {
    return this.table.rows((await connection.execute(this.table.list())).rows);
  }

  private async locked<R>(connection: Connection, work: () => Promise<R>): Promise<R> {
    const lock = this.dialect.migrationLock;
    if (!lock) return work();
    const key = `tessera:${this.table.name}`;
    const deadline = Date.now() + this.lockTimeoutMs;
    while (!isTrue((await connection.execute(lock.tryAcquire(key))).rows[0]?.acquired)) {
      if (Date.now() >= deadline) throw MigrationError.lockTimeout(this.lockTimeoutMs);
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    try {
      return await work();
    } finally {
      // A connection that failed cannot release: the server drops a dead session's lock itself.
      await connection.execute(lock.release(key)).catch(() => undefined);
    }
  }

  private async withConnection<R>(work: (connection: Connection) => Promise<R>): Promise<R> {
    const connection = await this.driver.acquire();
    try {
      return await work(connection);
    } finally {
      await this.driver.release(connection);
    }
  }
}

/** PostgreSQL says `true`, MySQL `1`. */
function isTrue(value: unknown): boolean {
  return value === true || Number(value) === 1;
}

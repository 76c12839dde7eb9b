import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Dialect } from '../dialects/dialect';
import type { SchemaOperation } from '../sql/schema-model/schema-operation';
import type { Driver } from '../dialects/driver';
import { MigrationError } from '../errors/migration-error';
import { migrationSource, nameTime } from './generator/migration-source';
import { loadMigrations } from './migration-loader';
import type { MigrationClass } from './migration';
import type { MigrationEvents } from './migration-event';
import { MigrationRunner, type LoadedMigration } from './migration-runner';
import { MigrationsTable, type ExecutedMigration } from './migrations-table';
import type { SchemaManager } from './schema-manager';

/** The `migrations` option of `Orm.init`. */
export interface MigrationsOptions {
  /** The folder of migration files (`.js`, and `.ts` where a TypeScript loader is active); generated files go here. */
  readonly path?: string;
  /** Migration classes given directly (named after the class), with or instead of a folder. */
  readonly list?: readonly MigrationClass[];
  /** Default `tessera_migrations`. */
  readonly tableName?: string;
  /** How long a runner waits for another one to finish, in ms (default 60,000). */
  readonly lockTimeout?: number;
}

/** What `orm.migrator.status()` reports. */
export interface MigrationStatus {
  /** Rows of the migrations table, in the order they ran. */
  readonly executed: readonly ExecutedMigration[];
  /** Migrations found but not run, in the order `up()` would run them. */
  readonly pending: readonly string[];
}

/** A migration file written by `generate()` or `create()`. */
export interface GeneratedMigration {
  /** The class and file name, e.g. `Migration20261121193000_add_age`. */
  readonly name: string;
  /** Where the file was written. */
  readonly path: string;
  readonly source: string;
  /** The changes `up()` makes. */
  readonly operations: readonly SchemaOperation[];
  /** One line per lossy step (dropped data that `down()` cannot bring back). */
  readonly warnings: readonly string[];
}

/**
 * `orm.migrator`: runs migrations up and down and reports where the database stands. Every run holds a lock
 * across processes, so two deployments migrating at once run each migration once.
 * @example
 * const orm = await Orm.init({ ..., migrations: { path: 'migrations' } });
 * const applied = await orm.migrator.up();
 */
export class Migrator {
  private readonly runner: MigrationRunner;

  /** @internal */
  constructor(
    driver: Driver,
    dialect: Dialect,
    events: MigrationEvents,
    private readonly schema: SchemaManager,
    private readonly options: MigrationsOptions = {},
  ) {
    const table = new MigrationsTable(dialect.createCompiler(), options.tableName ?? 'tessera_migrations');
    this.runner = new MigrationRunner(driver, dialect, table, events, options.lockTimeout ?? 60_000);
  }

  /**
   * Writes a migration that brings the database, as the migrations run so far left it, to the entities'
   * schema: `up()` the changes, `down()` their exact inverse. Undefined when they already agree. Pending
   * migrations must run first (their changes would be written twice).
   * @example
   * const written = await orm.migrator.generate('add age');
   * for (const warning of written?.warnings ?? []) console.warn(warning);
   */
  async generate(name: string): Promise<GeneratedMigration | undefined> {
    const { pending } = await this.status();
    if (pending.length > 0) throw MigrationError.pendingMigrations(pending);
    const operations = await this.schema.diff();
    return operations.length === 0 ? undefined : this.write(name, operations);
  }

  /**
   * What `generate()` would write now: empty when the entities and the migrated database agree (run `up()`
   * first). For CI: a non-empty result means an entity changed without a migration.
   * @example
   * if ((await orm.migrator.check()).length > 0) process.exitCode = 1;
   */
  check(): Promise<SchemaOperation[]> {
    return this.schema.diff();
  }

  /**
   * Writes an empty migration to fill in by hand.
   * @example
   * const { path } = await orm.migrator.create('backfill prices');
   */
  async create(name: string): Promise<GeneratedMigration> {
    return this.write(name, []);
  }

  /**
   * Runs every pending migration in name order, or those up to and including `to`; returns the names run.
   * @example
   * await orm.migrator.up({ to: 'Migration20261121193000_add_age' });
   */
  async up(options: { to?: string } = {}): Promise<string[]> {
    const all = loadMigrations(this.options);
    const last = options.to === undefined ? all.length - 1 : indexOf(all, options.to);
    return this.runner.run('up', (executed) => {
      const done = new Set(executed.map((e) => e.name));
      return all.slice(0, last + 1).filter((m) => !done.has(m.name));
    });
  }

  /**
   * Reverts the last `step` migrations run (default 1), or every one run after `to` and `to` itself, latest first;
   * returns the names reverted.
   * @example
   * await orm.migrator.down({ step: 2 });
   */
  async down(options: { step?: number; to?: string } = {}): Promise<string[]> {
    const all = loadMigrations(this.options);
    return this.runner.run('down', (executed) => {
      const latestFirst = [...executed].reverse();
      let count = options.step ?? 1;
      if (options.to !== undefined) {
        count = latestFirst.findIndex((e) => e.name === options.to) + 1;
        if (count === 0) throw MigrationError.unknownMigration(options.to, executed.map((e) => e.name));
      }
      const chosen = latestFirst.slice(0, Math.max(0, count));
      const missing = chosen.filter((e) => !all.some((m) => m.name === e.name)).map((e) => e.name);
      if (missing.length > 0) throw MigrationError.missingMigrations(missing);
      return chosen.map((e) => all.find((m) => m.name === e.name) as LoadedMigration);
    });
  }

  /**
   * Which migrations have run, and which are pending.
   * @example
   * const { pending } = await orm.migrator.status();
   */
  async status(): Promise<MigrationStatus> {
    const executed = await this.runner.executed();
    const done = new Set(executed.map((e) => e.name));
    return { executed, pending: loadMigrations(this.options).filter((m) => !done.has(m.name)).map((m) => m.name) };
  }

  /** Reverts every migration run, latest first; returns the names reverted. */
  reset(): Promise<string[]> {
    return this.down({ step: Number.MAX_SAFE_INTEGER });
  }

  /**
   * Reverts the last migration run and runs it again (while writing it); returns its name.
   * @example
   * await orm.migrator.redo();
   */
  async redo(): Promise<string[]> {
    const [reverted] = await this.down({ step: 1 });
    if (reverted === undefined) return [];
    const migration = loadMigrations(this.options).filter((m) => m.name === reverted);
    return this.runner.run('up', () => migration);
  }

  private write(title: string, operations: readonly SchemaOperation[]): GeneratedMigration {
    if (!this.options.path) throw MigrationError.noPath();
    const at = nameTime(loadMigrations(this.options).map((m) => m.name), new Date());
    const { name, source, warnings } = migrationSource(title, operations, at);
    const folder = resolve(this.options.path);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `${name}.ts`);
    writeFileSync(path, source, { flag: 'wx' });
    return { name, path, source, operations, warnings };
  }
}

function indexOf(all: readonly LoadedMigration[], name: string): number {
  const at = all.findIndex((m) => m.name === name);
  if (at < 0) throw MigrationError.unknownMigration(name, all.map((m) => m.name));
  return at;
}

import type { DatabaseSchema } from '../sql/schema-model/database-schema';
import type { SchemaOperation } from '../sql/schema-model/schema-operation';
import { MigrationError, type MigrationDirection } from '../errors/migration-error';
import { MigrationSchemaBuilder } from './builder/migration-schema-builder';

/**
 * One step of schema history. `up()` and `down()` describe changes through `this.schema` (and `this.sql` for
 * what the builder cannot say); they send nothing themselves: the runner renders what they recorded through
 * the dialect and runs it, in a transaction where the database has transactional DDL.
 * @example
 * export class Migration20261121193000_add_age extends Migration {
 *   up() {
 *     this.schema.addColumn('users', (t) => t.integer('age').nullable().defaultTo(0));
 *   }
 *   down() {
 *     this.schema.dropColumn('users', 'age');
 *   }
 * }
 */
export abstract class Migration {
  /** Records schema changes; set afresh for each run of `up()` or `down()`. */
  protected schema!: MigrationSchemaBuilder;

  abstract up(): void | Promise<void>;

  /** Undoes `up()`; where nothing can, it calls `this.irreversible(reason)`. */
  abstract down(): void | Promise<void>;

  private name = '';

  /**
   * Says that `down()` cannot undo `up()`: reverting this migration fails with a MigrationError that gives `reason`.
   * @example
   * down() {
   *   this.irreversible('the old prices were not kept');
   * }
   */
  protected irreversible(reason: string): never {
    throw MigrationError.irreversible(this.name, reason);
  }

  /**
   * Raw SQL, with the SQL that undoes it where there is one. As a tagged template the values are spliced in
   * as written (DDL takes no parameters): interpolate only trusted text, never user input.
   * @example
   * this.sql('create extension if not exists citext', 'drop extension citext');
   * this.sql`create index concurrently ${name} on users (email)`;
   */
  protected sql(up: string, down?: string): void;
  protected sql(strings: TemplateStringsArray, ...values: (string | number)[]): void;
  protected sql(first: string | TemplateStringsArray, ...rest: unknown[]): void {
    if (typeof first === 'string') {
      this.schema.raw(first, rest[0] as string | undefined);
      return;
    }
    this.schema.raw(first.reduce((text, part, i) => text + String(rest[i - 1]) + part));
  }

  /** @internal Runs `up()` or `down()` against `current` and returns what it recorded. */
  async record(direction: MigrationDirection, current: DatabaseSchema, name: string): Promise<readonly SchemaOperation[]> {
    this.schema = new MigrationSchemaBuilder(current);
    this.name = name;
    try {
      await (direction === 'up' ? this.up() : this.down());
    } catch (error) {
      throw error instanceof MigrationError ? error : MigrationError.failed(name, direction, error);
    }
    return this.schema.operations();
  }
}

/** A migration class, as listed in `migrations.list` or exported by a migration file. */
export type MigrationClass = new () => Migration;

import type { EntityManager } from '../em/entity-manager';

/** A seeder class, as `tessera seed` and `runSeeder` take it: constructed with no arguments. */
export type SeederClass = new () => Seeder;

/**
 * Fills the database with data through an EntityManager. `run` creates entities (directly or with factories)
 * and may call other seeders; `runSeeder` flushes what they leave pending, in one transaction.
 * @example
 * class DatabaseSeeder extends Seeder {
 *   async run(em: EntityManager) {
 *     await this.call(em, [AuthorSeeder, BookSeeder]);
 *   }
 * }
 */
export abstract class Seeder {
  abstract run(em: EntityManager): Promise<void>;

  /**
   * Runs other seeders in order on the same EntityManager, flushing after each so later ones can query
   * what earlier ones wrote.
   * @example
   * await this.call(em, [AuthorSeeder, BookSeeder]);
   */
  protected async call(em: EntityManager, seeders: readonly SeederClass[]): Promise<void> {
    for (const seeder of seeders) {
      await new seeder().run(em);
      await em.flush();
    }
  }
}

import type { EntityManager } from '../em/entity-manager';
import type { SeederClass } from './seeder';

/**
 * Runs a seeder in one transaction on a fork of `em` and flushes what it created: a seeder that fails
 * leaves nothing behind (on MySQL only the rows; DDL there commits on its own).
 * @example
 * await runSeeder(orm.em, DatabaseSeeder);
 */
export async function runSeeder(em: EntityManager, seeder: SeederClass): Promise<void> {
  await em.fork().transactional((tx) => new seeder().run(tx));
}

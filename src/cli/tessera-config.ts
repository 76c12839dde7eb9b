import type { OrmOptions } from '../orm';
import type { SeederClass } from '../seeding/seeder';

/**
 * What `tessera.config.ts` (or `.js`) exports: the options of `Orm.init`, plus the seeders `tessera seed` runs.
 * `entities` may be left out for commands that need none (`db:status`, `migration:up`).
 */
export interface TesseraConfig extends Omit<OrmOptions, 'entities'> {
  entities?: OrmOptions['entities'];
  /** The seeders `tessera seed <name>` can run, by class name; `tessera seed` alone runs the first. */
  seeders?: readonly SeederClass[];
}

/**
 * Types a config file; a function (sync or async) is called once when a command needs the config.
 * @example
 * // tessera.config.ts
 * export default defineConfig({ dialect: 'postgres', url: process.env.DATABASE_URL, entities: [Author, Book] });
 */
export function defineConfig(config: TesseraConfig | (() => TesseraConfig | Promise<TesseraConfig>)): typeof config {
  return config;
}

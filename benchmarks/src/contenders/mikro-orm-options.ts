import type { Options } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { MySqlDriver } from '@mikro-orm/mysql';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import type { DialectTarget } from '../dialect-target';
import { MikroAuthor, MikroBook, MikroTag } from './mikro-orm-graph';
import { MikroItem } from './mikro-orm-item';
import { MIKRO_REPORT_ENTITIES } from './mikro-orm-report';

/**
 * MikroORM 7 with its defaults (batchSize 300, implicit transactions, pool of up to 10). MariaDB goes through the
 * mysql driver, which uses mysql2 like raw, TypeORM and Tessera; @mikro-orm/mariadb would bring another client.
 * SQLite goes through @mikro-orm/sqlite, which is better-sqlite3 (the same one, by `overrides`).
 */
export function mikroOrmOptions(
  target: DialectTarget,
  entities: Options['entities'] = [MikroItem, MikroAuthor, MikroBook, MikroTag, ...MIKRO_REPORT_ENTITIES],
): Partial<Options> {
  const common: Partial<Options> = {
    entities,
    debug: false,
    // MikroORM 7 no longer reads property types from reflect-metadata by default; the legacy decorators' provider
    // does, as v6 did, so the entities stay as they were.
    metadataProvider: ReflectMetadataProvider,
    // Reflect-metadata discovery needs no cache, and the file cache would write ./temp next to the benchmark.
    metadataCache: { enabled: false },
  };
  switch (target.dialect) {
    case 'sqlite':
      return { ...common, driver: SqliteDriver, dbName: target.url };
    case 'postgres':
      return { ...common, driver: PostgreSqlDriver, clientUrl: target.url };
    case 'mariadb':
      return { ...common, driver: MySqlDriver, clientUrl: target.url };
  }
}

import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { Options } from '@mikro-orm/core';
import { MySqlDriver } from '@mikro-orm/mysql';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { DialectTarget } from '../dialect-target';
import { MikroAuthor, MikroBook, MikroTag } from './mikro-orm-graph';
import { MikroItem } from './mikro-orm-item';
import { MIKRO_REPORT_ENTITIES } from './mikro-orm-report';

/**
 * MikroORM 6 with its defaults (batchSize 300, implicit transactions, pool of up to 10). MariaDB goes through the
 * mysql driver, which uses mysql2 like raw, TypeORM and Tessera; @mikro-orm/mariadb would bring another client.
 */
export function mikroOrmOptions(target: DialectTarget): Options {
  const common: Options = {
    entities: [MikroItem, MikroAuthor, MikroBook, MikroTag, ...MIKRO_REPORT_ENTITIES],
    debug: false,
    // Reflect-metadata discovery needs no cache, and the file cache would write ./temp next to the benchmark.
    metadataCache: { enabled: false },
  };
  switch (target.dialect) {
    case 'sqlite':
      return { ...common, driver: BetterSqliteDriver, dbName: target.url };
    case 'postgres':
      return { ...common, driver: PostgreSqlDriver, clientUrl: target.url };
    case 'mariadb':
      return { ...common, driver: MySqlDriver, clientUrl: target.url };
  }
}

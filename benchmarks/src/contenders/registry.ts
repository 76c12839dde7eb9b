import type { DialectName } from '../dialect-target';
import type { Contender, ContenderName } from './contender';

// Loaded on demand so that a run without Tessera (BENCH_CONTENDERS) does not need the library to be built, and
// so that each library is loaded only when it runs. raw and drizzle have one implementation per dialect.
const LOADERS: Record<ContenderName, (dialect: DialectName) => Promise<Contender>> = {
  raw: async (dialect) => {
    switch (dialect) {
      case 'sqlite':
        return new (await import('./raw/raw-sqlite')).RawSqlite();
      case 'postgres':
        return new (await import('./raw/raw-postgres')).RawPostgres();
      case 'mariadb':
        return new (await import('./raw/raw-mariadb')).RawMariadb();
    }
  },
  tessera: async () => new (await import('./tessera')).TesseraContender(),
  drizzle: async (dialect) => {
    switch (dialect) {
      case 'sqlite':
        return new (await import('./drizzle/drizzle-sqlite')).DrizzleSqlite();
      case 'postgres':
        return new (await import('./drizzle/drizzle-postgres')).DrizzlePostgres();
      case 'mariadb':
        return new (await import('./drizzle/drizzle-mariadb')).DrizzleMariadb();
    }
  },
  'mikro-orm': async () => new (await import('./mikro-orm')).MikroOrmContender(),
  typeorm: async () => new (await import('./typeorm')).TypeOrmContender(),
  'tessera-audited': async () => new (await import('./tessera-audited')).TesseraAuditedContender(),
  'tessera-metrics': async () => new (await import('./tessera-metrics')).TesseraMetricsContender(),
};

export function loadContender(name: ContenderName, dialect: DialectName): Promise<Contender> {
  return LOADERS[name](dialect);
}

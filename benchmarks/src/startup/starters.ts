import type { ContenderName } from '../contenders/contender';
import type { DialectTarget } from '../dialect-target';

/** The compiled entity module of startup-entities.ts. */
export interface StartupEntities {
  readonly ENTITIES?: unknown[];
  readonly defineSchema?: (dialect: DialectTarget['dialect']) => Record<string, unknown>;
}

/** Brings one library from its entities to a ready ORM (each its documented entry point); resolves to its close. */
export type Starter = (entities: StartupEntities, target: DialectTarget) => Promise<() => Promise<void>>;

/** Loads the library (off the clock) and returns its starter. */
export async function loadStarter(contender: Exclude<ContenderName, 'raw'>): Promise<Starter> {
  switch (contender) {
    case 'tessera': {
      const { Orm } = await import('tessera-orm');
      return async (entities, target) => {
        const orm = await Orm.init({
          dialect: target.dialect,
          url: target.url,
          entities: entities.ENTITIES as never,
          pool: { min: 0, max: 10 },
        });
        return () => orm.close();
      };
    }
    case 'mikro-orm': {
      const { MikroORM } = await import('@mikro-orm/core');
      const { mikroOrmOptions } = await import('../contenders/mikro-orm-options');
      return async (entities, target) => {
        const orm = await MikroORM.init(mikroOrmOptions(target, entities.ENTITIES as never));
        return () => orm.close(true);
      };
    }
    case 'typeorm': {
      const { DataSource } = await import('typeorm');
      const { typeOrmOptions } = await import('../contenders/typeorm-options');
      return async (entities, target) => {
        const dataSource = await new DataSource(typeOrmOptions(target, entities.ENTITIES as never)).initialize();
        return async () => {
          await dataSource.destroy();
        };
      };
    }
    case 'drizzle':
      return loadDrizzleStarter();
  }
}

async function loadDrizzleStarter(): Promise<Starter> {
  const [sqlite, postgres, mariadb] = await Promise.all([
    import('drizzle-orm/better-sqlite3'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/mysql2'),
  ]);
  const [{ default: Database }, { Pool }, { default: mysql }] = await Promise.all([
    import('better-sqlite3'),
    import('pg'),
    import('mysql2/promise'),
  ]);
  return async (entities, target) => {
    const schema = entities.defineSchema!(target.dialect);
    switch (target.dialect) {
      case 'sqlite': {
        const client = new Database(target.url);
        sqlite.drizzle({ client, schema });
        return async () => {
          client.close();
        };
      }
      case 'postgres': {
        const client = new Pool({ connectionString: target.url, max: 10 });
        postgres.drizzle({ client, schema });
        return () => client.end();
      }
      case 'mariadb': {
        const client = mysql.createPool({ uri: target.url, connectionLimit: 10 });
        mariadb.drizzle({ client, schema, mode: 'default' });
        return () => client.end();
      }
    }
  };
}

import { join } from 'node:path';
import type { OrmOptions } from 'tessera-orm';
import { ENTITIES } from './entities';

/** What the application needs to start: where its database is and how it signs tokens. */
export interface ConduitConfig {
  readonly orm: OrmOptions;
  readonly jwtSecret: string;
  /** bcrypt's cost factor: 10 by default (about 70 ms a hash here); tests use the minimum, 4. */
  readonly bcryptCost?: number;
}

/**
 * The schema's history, one file per migration, run in name order: by the app at start and by
 * `tessera migration:up`, which also writes new ones here (`migration:generate`).
 */
export const MIGRATIONS_PATH = join(__dirname, 'migrations');

/**
 * The Orm's options for a database URL: `postgres://` / `postgresql://` for PostgreSQL, `mysql://` /
 * `mariadb://` for MySQL or MariaDB, anything else (a file path, `sqlite:<file>`, `:memory:`) for SQLite.
 */
export function ormOptions(databaseUrl: string): OrmOptions {
  const scheme = /^([a-z]+):\/\//.exec(databaseUrl)?.[1];
  const base = { entities: ENTITIES, migrations: { path: MIGRATIONS_PATH } };
  if (scheme === 'postgres' || scheme === 'postgresql') return { ...base, dialect: 'postgres', url: databaseUrl };
  if (scheme === 'mysql' || scheme === 'mariadb') return { ...base, dialect: 'mysql', url: databaseUrl.replace(/^mariadb:/, 'mysql:') };
  return { ...base, dialect: 'sqlite', url: databaseUrl.replace(/^sqlite:/, '') };
}

/** The configuration from the environment: DATABASE_URL (default: a SQLite file beside the app) and JWT_SECRET. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ConduitConfig {
  return {
    orm: ormOptions(env.DATABASE_URL ?? 'conduit.sqlite'),
    jwtSecret: env.JWT_SECRET ?? 'conduit-development-secret',
  };
}

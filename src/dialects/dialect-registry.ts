import { MetadataError } from '../errors/metadata-error';
import type { Dialect } from './dialect';
import { mysqlDialect } from './mysql';
import { postgres, postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

export { postgres, postgresDialect, type PostgresOptions } from './postgres';
export { mysqlDialect } from './mysql';
export { sqliteDialect } from './sqlite';

/** The dialects Tessera ships, by the names `Orm.init({ dialect })` accepts. */
export type DialectName = 'sqlite' | 'postgres' | 'postgresql' | 'mysql' | 'mariadb';

const DIALECTS: Readonly<Record<DialectName, Dialect>> = {
  sqlite: sqliteDialect,
  postgres: postgresDialect,
  postgresql: postgresDialect,
  mysql: mysqlDialect,
  mariadb: mysqlDialect,
};

/** Top-level options kept as deprecated aliases of a shipped dialect's own options. */
export interface LegacyDialectOptions {
  readonly preparedStatements?: boolean;
}

/**
 * The dialect for a name (each loads its client library only when it connects). The deprecated top-level
 * `preparedStatements` configures the shipped PostgreSQL dialect as `postgres({ preparedStatements })` would.
 */
export function resolveDialect(dialect: DialectName | Dialect, legacy: LegacyDialectOptions = {}): Dialect {
  const found = typeof dialect === 'object' ? dialect : DIALECTS[dialect];
  if (!found) throw MetadataError.unknownDialect(String(dialect), Object.keys(DIALECTS));
  if (found === postgresDialect && legacy.preparedStatements !== undefined) return postgres({ preparedStatements: legacy.preparedStatements });
  return found;
}

/**
 * The shipped dialect a connection URL names, by the schemes each dialect declares, and the URL its driver is
 * given; undefined for a scheme none takes. The name is the scheme where it is one (`mariadb`), else the dialect's.
 */
export function dialectForUrl(url: string): { dialect: DialectName; url: string } | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
  if (!scheme) return undefined;
  for (const dialect of new Set(Object.values(DIALECTS))) {
    if (!dialect.urls?.schemes.includes(scheme)) continue;
    const name = (scheme in DIALECTS && DIALECTS[scheme as DialectName] === dialect ? scheme : dialect.name) as DialectName;
    return { dialect: name, url: dialect.urls.driverUrl(url) };
  }
  return undefined;
}

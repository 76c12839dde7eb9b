import { MetadataError } from '../errors/metadata-error';
import type { Dialect } from './dialect';
import { mysqlDialect } from './mysql';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

/** The dialects Tessera ships, by the names `Orm.init({ dialect })` accepts. */
export type DialectName = 'sqlite' | 'postgres' | 'postgresql' | 'mysql' | 'mariadb';

const DIALECTS: Readonly<Record<DialectName, Dialect>> = {
  sqlite: sqliteDialect,
  postgres: postgresDialect,
  postgresql: postgresDialect,
  mysql: mysqlDialect,
  mariadb: mysqlDialect,
};

/** The dialect for a name (each loads its client library only when it connects). */
export function resolveDialect(dialect: DialectName | Dialect): Dialect {
  if (typeof dialect === 'object') return dialect;
  const found = DIALECTS[dialect];
  if (!found) throw MetadataError.unknownDialect(String(dialect), Object.keys(DIALECTS));
  return found;
}

import type { DialectName } from '../dialects/dialect-registry';
import { CommandLineError } from '../errors/command-line-error';

const SCHEMES: Readonly<Record<string, DialectName>> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mariadb',
  'sqlite:': 'sqlite',
  'file:': 'sqlite',
};

/**
 * The dialect and driver URL named by a connection URL such as TESSERA_URL: `postgres://..`, `mysql://..`,
 * `mariadb://..` (mysql2 reads it as mysql://), `sqlite:path/to/db.sqlite` or `sqlite::memory:`.
 */
export function parseDatabaseUrl(url: string): { dialect: DialectName; url: string } {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();
  const dialect = scheme ? SCHEMES[scheme] : undefined;
  if (!scheme || !dialect) throw CommandLineError.unknownUrl(scheme ?? url);
  if (dialect === 'sqlite') return { dialect, url: url.slice(scheme.length).replace(/^\/\//, '') || ':memory:' };
  if (dialect === 'mariadb') return { dialect, url: `mysql:${url.slice(scheme.length)}` };
  return { dialect, url };
}

/** The URL with its password replaced, for anything printed. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '****';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The password in a URL, if it has one (for scrubbing it from error messages). */
export function passwordOf(url: string | undefined): string | undefined {
  try {
    const password = url ? new URL(url).password : '';
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

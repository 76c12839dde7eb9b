import { dialectForUrl, type DialectName } from '../dialects/dialect-registry';
import { CommandLineError } from '../errors/command-line-error';

/**
 * The dialect and driver URL named by a connection URL such as TESSERA_URL: `postgres://..`, `mysql://..`,
 * `mariadb://..` (mysql2 reads it as mysql://), `sqlite:path/to/db.sqlite` or `sqlite::memory:`. Each dialect
 * declares the schemes it takes (`Dialect.urls`).
 */
export function parseDatabaseUrl(url: string): { dialect: DialectName; url: string } {
  const found = dialectForUrl(url);
  if (!found) throw CommandLineError.unknownUrl(/^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase() ?? url);
  return found;
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

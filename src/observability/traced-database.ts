import { basename } from 'node:path';

/** What every span of one Orm says about its database (OpenTelemetry's database and server attributes). */
export interface TracedDatabase {
  /** `db.system.name`: postgresql, mysql, mariadb, sqlite. */
  readonly system: string;
  /** `db.namespace`: the database name (SQLite: the file's name). */
  readonly namespace?: string;
  readonly address?: string;
  readonly port?: number;
}

/**
 * The database a connection URL and the server's version string name: the system is the product the server says
 * it is (a `mysql` URL may reach MariaDB), the namespace the URL's path or, for a file, its name. Credentials in
 * the URL are never read.
 */
export function tracedDatabase(url: string | undefined, serverVersion: string | undefined, dialect: string): TracedDatabase {
  const system = serverVersion === undefined ? dialect : /mariadb/i.test(serverVersion) ? 'mariadb' : serverVersion.split(' ')[0].toLowerCase();
  const network = url === undefined ? undefined : parsedNetworkUrl(url);
  if (!network) return { system, namespace: url === undefined ? undefined : basename(url) };
  const namespace = decodeURIComponent(network.pathname.replace(/^\//, '')) || undefined;
  return { system, namespace, address: network.hostname || undefined, port: network.port === '' ? undefined : Number(network.port) };
}

/** A URL with a host (`postgres://user@host:5432/db`); a file path or `:memory:` is none. */
function parsedNetworkUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? undefined : parsed;
  } catch {
    return undefined;
  }
}

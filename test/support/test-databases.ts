/**
 * Which databases the integration suites run on, and where they are. Every suite runs on every dialect;
 * outside CI a developer may narrow that explicitly with TESSERA_DIALECTS=sqlite (nothing is skipped
 * silently: an unreachable server fails the run, under CI always).
 */
export type TestDialect = 'sqlite' | 'postgres' | 'mariadb';

export const ALL_DIALECTS: readonly TestDialect[] = ['sqlite', 'postgres', 'mariadb'];

export function selectedDialects(): TestDialect[] {
  const wanted = process.env.CI === 'true' ? undefined : process.env.TESSERA_DIALECTS;
  if (!wanted) return [...ALL_DIALECTS];
  const names = wanted.split(',').map((s) => s.trim()) as TestDialect[];
  const unknown = names.filter((n) => !ALL_DIALECTS.includes(n));
  if (unknown.length > 0) throw new Error(`TESSERA_DIALECTS names unknown dialects: ${unknown.join(', ')}`);
  return names;
}

/** Server URLs that reach an administrative database (to create the per-worker test databases). */
export function adminUrl(dialect: 'postgres' | 'mariadb'): string {
  return dialect === 'postgres'
    ? (process.env.TESSERA_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
    : (process.env.TESSERA_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test');
}

/**
 * Each jest worker gets its own database, so test files can run in parallel. TESSERA_TEST_DB_PREFIX lets two
 * checkouts test against one server at once.
 */
export function testDatabaseName(): string {
  const prefix = process.env.TESSERA_TEST_DB_PREFIX ?? 'tessera_test';
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error('TESSERA_TEST_DB_PREFIX must be a plain lower-case identifier');
  return `${prefix}_${process.env.JEST_WORKER_ID ?? '1'}`;
}

export function testUrl(dialect: TestDialect): string {
  if (dialect === 'sqlite') return ':memory:';
  const url = new URL(adminUrl(dialect));
  url.pathname = `/${testDatabaseName()}`;
  return url.toString();
}

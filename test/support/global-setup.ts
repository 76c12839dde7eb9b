import { execFileSync } from 'node:child_process';
import { checkServer } from './server-admin';
import { selectedDialects } from './test-databases';

/**
 * Makes sure every selected database server answers before any suite runs. Locally, when a server is down
 * and a Docker engine is present, it starts one with testcontainers; without Docker it fails with the command
 * that starts the services. Under CI=true an unreachable server always fails the run.
 */
export default async function globalSetup(): Promise<void> {
  for (const dialect of selectedDialects()) {
    if (dialect === 'sqlite') continue;
    try {
      await checkServer(dialect);
    } catch (error) {
      if (process.env.CI === 'true' || !dockerAvailable()) throw error;
      await startContainer(dialect);
      await checkServer(dialect);
    }
  }
}

function dockerAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Starts a throwaway server and points the suites at it (workers inherit process.env). */
async function startContainer(dialect: 'postgres' | 'mariadb'): Promise<void> {
  if (dialect === 'postgres') {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:15').start();
    process.env.TESSERA_PG_URL = container.getConnectionUri();
  } else {
    const { MariaDbContainer } = await import('@testcontainers/mariadb');
    const container = await new MariaDbContainer('mariadb:10.11').withRootPassword('tessera').start();
    process.env.TESSERA_MYSQL_URL = `mysql://root:tessera@${container.getHost()}:${container.getPort()}/test`;
  }
}

/**
 * One migration runner in its own process, for the concurrency test: `node -r scripts/register.js
 * test/support/migrate-child.ts <dialect> <url>` runs SLOW_MIGRATIONS up and prints the names it ran as JSON.
 */
import { Orm, type DialectName } from '../../src';
import { MigLog, SLOW_MIGRATIONS } from './migration-fixtures';

async function main(): Promise<void> {
  const [dialect, url] = process.argv.slice(2);
  const orm = await Orm.init({ dialect: dialect as DialectName, url, entities: [MigLog], migrations: { list: SLOW_MIGRATIONS } });
  try {
    const ran = await orm.migrator.up();
    process.stdout.write(JSON.stringify(ran));
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String((error as Error).stack ?? error));
  process.exit(1);
});

/**
 * One `Orm.init` in its own process, for the test that a failed init leaves nothing open: `node -r
 * scripts/register.js test/support/init-child.ts <dialect> <url> <connectTimeoutMs>` prints the error's class
 * and message as JSON, then simply returns: the process must exit by itself, with no handle left open.
 */
import { Orm, type DialectName } from '../../src';
import { Author } from './entities';

async function main(): Promise<void> {
  const [dialect, url, connectTimeoutMs] = process.argv.slice(2);
  const failure = await Orm.init({ dialect: dialect as DialectName, url, entities: [Author], connectTimeoutMs: Number(connectTimeoutMs) }).then(
    async (orm) => {
      await orm.close();
      return new Error('Orm.init succeeded');
    },
    (error: unknown) => error as Error,
  );
  process.stdout.write(JSON.stringify({ name: failure.constructor.name, message: failure.message }));
}

void main();

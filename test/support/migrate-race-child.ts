/**
 * A migration runner that stays up for many rounds of the SQLite race test: started with `fork()` (IPC), it
 * answers each `{ url }` message by opening an Orm on that file, running RACE_MIGRATIONS up and closing it,
 * as `tessera migration:up` does, and replies `{ ran }` or `{ error }`. Staying up spares a process start per
 * round, so that enough rounds to catch a rare race fit in a few seconds.
 */
import { Orm } from '../../src';
import { RACE_MIGRATIONS } from './migration-fixtures';

async function migrate(url: string): Promise<string[]> {
  const orm = await Orm.init({ dialect: 'sqlite', url, entities: [], requireEntities: false, migrations: { list: RACE_MIGRATIONS } });
  try {
    return await orm.migrator.up();
  } finally {
    await orm.close();
  }
}

process.on('message', (message: { url: string }) => {
  migrate(message.url).then(
    (ran) => process.send!({ ran }),
    (error: unknown) => process.send!({ error: String((error as Error).message ?? error) }),
  );
});
process.on('disconnect', () => process.exit(0));

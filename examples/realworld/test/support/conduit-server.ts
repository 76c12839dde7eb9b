import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Orm } from 'tessera-orm';
import { freshDatabase } from '../../../../test/support/fresh-database';
import type { TestDialect } from '../../../../test/support/test-databases';
import { ormOptions } from '../../src/config';
import { createApp } from '../../src/create-app';

/** The application listening on a free loopback port, over an empty database of its own. */
export interface ConduitServer {
  readonly dialect: TestDialect;
  /** The API's base URL, `http://127.0.0.1:<port>/api`. */
  readonly api: string;
  readonly orm: Orm;
  close(): Promise<void>;
}

/**
 * Starts the app as `main.ts` does (migrations run at start), on a fresh database for `dialect`:
 * `<worker database>_conduit` on the servers, a temporary file for SQLite.
 */
export async function startConduit(dialect: TestDialect): Promise<ConduitServer> {
  const sqliteFile = join(tmpdir(), `conduit-test-${process.pid}-${process.env.JEST_WORKER_ID ?? 1}.sqlite`);
  const url = await freshDatabase(dialect, 'conduit', sqliteFile);
  const app: INestApplication = await createApp({ orm: { ...ormOptions(url), pool: { min: 0, max: 8 } }, jwtSecret: 'test-secret', bcryptCost: 4 }, false);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    dialect,
    api: `http://127.0.0.1:${port}/api`,
    orm: app.get(Orm),
    close: async () => {
      await app.close();
      if (dialect === 'sqlite') for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true });
    },
  };
}

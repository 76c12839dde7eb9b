// Times the schema diff on a 100-table schema (generated entities), per dialect: create from nothing, then a
// change to every table, each through introspect + diff + render + apply (`orm.schema.update()`).
// Run: TESSERA_TEST_DB_PREFIX=<prefix> node -r ./scripts/register.js scripts/schema-bench.ts
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Orm, type EntityClass } from '../src';
import { generatedEntities } from '../test/support/generated-entities';
import { ensureTestDatabase } from '../test/support/server-admin';
import { ALL_DIALECTS, testUrl, type TestDialect } from '../test/support/test-databases';

const TABLES = 100;
process.env.JEST_WORKER_ID = 'bench';

async function timed(dialect: TestDialect, url: string, entities: EntityClass[], options: { force?: boolean } = {}): Promise<[number, number]> {
  const orm = await Orm.init({ dialect, url, entities, pool: { min: 0, max: 2 } });
  try {
    const started = process.hrtime.bigint();
    const operations = await orm.schema.update(options);
    return [Number(process.hrtime.bigint() - started) / 1e9, operations.length];
  } finally {
    await orm.close();
  }
}

async function main(): Promise<void> {
  const first = generatedEntities(TABLES, false, 'bench');
  const evolved = generatedEntities(TABLES, true, 'bench');
  for (const dialect of ALL_DIALECTS) {
    const url = dialect === 'sqlite' ? join(tmpdir(), `tessera-schema-bench-${process.pid}.sqlite`) : testUrl(dialect);
    if (dialect !== 'sqlite') await ensureTestDatabase(dialect);
    const cleanup = await Orm.init({ dialect, url, entities: evolved });
    await cleanup.schema.drop();
    await cleanup.close();

    const [create, created] = await timed(dialect, url, first);
    const [change, changed] = await timed(dialect, url, evolved);
    const [none, nothing] = await timed(dialect, url, evolved);
    console.log(
      `${dialect.padEnd(8)} create: ${create.toFixed(2)} s (${created} operations)  ` +
        `change every table: ${change.toFixed(2)} s (${changed} operations)  no change: ${none.toFixed(2)} s (${nothing} operations)`,
    );
    const last = await Orm.init({ dialect, url, entities: evolved });
    await last.schema.drop();
    await last.close();
    if (dialect === 'sqlite') for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

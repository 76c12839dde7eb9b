import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Orm, type EntityClass } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { generatedEntities } from '../../support/generated-entities';
import { MigLog } from '../../support/migration-fixtures';

const TABLES = 100;
const PREFIX = 'mscale';

describeEachDialect([MigLog], (fx) => {
  let folder: string;
  const opened: Orm[] = [];
  const dropAll = async () => {
    for (let i = TABLES - 1; i >= 0; i--) await fx.raw.exec(`drop table if exists ${PREFIX}_${String(i).padStart(3, '0')}`);
    await fx.raw.exec('drop table if exists tessera_migrations');
  };
  /** Generates and applies one migration to `entities`; returns the seconds each took. */
  const migrateTo = async (entities: EntityClass[], title: string) => {
    const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities, migrations: { path: folder } });
    orm.on('migration', () => undefined);
    opened.push(orm);
    const started = performance.now();
    const written = await orm.migrator.generate(title);
    const generated = performance.now();
    expect(await orm.migrator.up()).toEqual([written?.name]);
    const applied = performance.now();
    expect(await orm.migrator.check()).toEqual([]);
    return { orm, written, generate: (generated - started) / 1000, up: (applied - generated) / 1000 };
  };
  const report = (phase: string, t: { generate: number; up: number }) =>
    process.stdout.write(`[migration scale] ${fx.dialect} ${phase}: generate ${t.generate.toFixed(2)} s, up ${t.up.toFixed(2)} s\n`);

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tessera-scale-'));
    await dropAll();
  });
  afterEach(async () => {
    for (const orm of opened.splice(0)) await orm.close();
    await dropAll();
    rmSync(folder, { recursive: true, force: true });
  });

  test(`generating and applying the migrations of a ${TABLES}-table schema, created then changed on every table, takes well under 30 s`, async () => {
    const created = await migrateTo(generatedEntities(TABLES, false, PREFIX), 'create tables');
    expect(created.written?.operations.filter((op) => op.kind === 'createTable')).toHaveLength(TABLES);
    expect((await created.orm.schema.listTables()).filter((t) => t.startsWith(`${PREFIX}_`))).toHaveLength(TABLES);
    report('create', created);
    expect(created.generate + created.up).toBeLessThan(30);

    // Every table gains a column, widens one and loses its index.
    const changed = await migrateTo(generatedEntities(TABLES, true, PREFIX), 'change tables');
    expect(changed.written?.warnings).toEqual([]);
    report('change', changed);
    expect(changed.generate + changed.up).toBeLessThan(30);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Column, Entity, Index, ManyToOne, Orm, PrimaryKey, type EntityClass } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { MigLog } from '../../support/migration-fixtures';

const TABLES = 100;

/**
 * 100 entities, each with a few typed columns, a default, an index, a unique column and a foreign key to the
 * one before: built with the decorators as functions, since a hundred written-out classes say nothing more.
 */
function hundredEntities(): EntityClass[] {
  const entities: EntityClass[] = [];
  for (let i = 0; i < TABLES; i++) {
    const entity = { [`Scale${i}`]: class {} }[`Scale${i}`];
    const proto = entity.prototype as object;
    PrimaryKey({ type: 'int' })(proto, 'id');
    Column({ type: 'string', length: 120 })(proto, 'name');
    Column({ type: 'string', length: 60, unique: true })(proto, 'code');
    Column({ type: 'int', default: 0 })(proto, 'rank');
    Column({ type: 'decimal', precision: 10, scale: 2, nullable: true })(proto, 'price');
    Column({ type: 'timestamp', nullable: true })(proto, 'seenAt');
    if (i > 0) {
      const previous = entities[i - 1];
      ManyToOne(() => previous, { nullable: true })(proto, 'parent');
    }
    Index({ properties: ['name', 'rank'] })(entity);
    Entity({ table: `scale_${String(i).padStart(3, '0')}` })(entity);
    entities.push(entity);
  }
  return entities;
}

describeEachDialect([MigLog], (fx) => {
  let folder: string;
  let orm: Orm | undefined;
  const entities = hundredEntities();
  const dropAll = async () => {
    for (let i = TABLES - 1; i >= 0; i--) await fx.raw.exec(`drop table if exists scale_${String(i).padStart(3, '0')}`);
    await fx.raw.exec('drop table if exists tessera_migrations');
  };
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tessera-scale-'));
    await dropAll();
  });
  afterEach(async () => {
    await orm?.close();
    await dropAll();
    rmSync(folder, { recursive: true, force: true });
  });

  test(`generating and applying the migration of a ${TABLES}-table schema takes well under 30 s`, async () => {
    orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities, migrations: { path: folder } });
    orm.on('migration', () => undefined);
    const started = performance.now();
    const written = await orm.migrator.generate('hundred tables');
    const generated = performance.now();
    expect(await orm.migrator.up()).toEqual([written?.name]);
    const applied = performance.now();

    expect(written?.operations.filter((op) => op.kind === 'createTable')).toHaveLength(TABLES);
    expect((await orm.schema.listTables()).filter((t) => t.startsWith('scale_'))).toHaveLength(TABLES);
    expect(await orm.migrator.check()).toEqual([]);
    const seconds = (applied - started) / 1000;
    process.stdout.write(
      `[migration scale] ${fx.dialect}: generate ${((generated - started) / 1000).toFixed(2)} s, up ${((applied - generated) / 1000).toFixed(2)} s, total ${seconds.toFixed(2)} s\n`,
    );
    expect(seconds).toBeLessThan(30);
  });
});

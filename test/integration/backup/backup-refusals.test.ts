import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BackupError, inspectBackup, Orm } from '../../../src';
import { backupLinesOf, rewriteBackup } from '../../support/backup-file';
import { BACKUP_ENTITIES, Kitchen, kitchenRows, Person } from '../../support/backup-entities';
import { freshDatabase } from '../../support/fresh-database';
import { selectedDialects } from '../../support/test-databases';

/*
 * What a restore refuses, and that it refuses before writing anything: a truncated, corrupted or edited file,
 * something that is not a backup, a database that is not empty (unless forced). Where DDL is transactional a
 * restore that fails halfway leaves nothing behind.
 */
/** What `promise` rejects with (failing the test when it resolves). */
async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'tessera-backup-refusals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(selectedDialects())('%s', (dialect) => {
  let orm: Orm;
  const good = join(dir, `${dialect}-good.tessera`);
  const bad = join(dir, `${dialect}-bad.tessera`);

  beforeAll(async () => {
    const url = await freshDatabase(dialect, 'bk_refusals', join(dir, `${dialect}.sqlite`));
    orm = await Orm.init({ dialect, url, entities: BACKUP_ENTITIES, pool: { min: 0, max: 2 } });
    await orm.schema.create();
    const em = orm.em.fork();
    for (let i = 0; i < 40; i++) em.create(Kitchen, { ...kitchenRows()[i % 5], long: `row ${i} ${'y'.repeat(i * 50)}` });
    em.create(Person, { name: 'Ada' });
    await em.flush();
    await orm.backup(good);
  });

  afterAll(() => orm?.close());

  beforeEach(async () => {
    await orm.schema.drop();
    copyFileSync(good, bad);
  });

  const tables = () => orm.schema.listTables();

  async function refused(pattern: RegExp): Promise<BackupError> {
    const error = await thrown(orm.restore(bad));
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(pattern);
    expect(await tables()).toEqual([]);
    return error as BackupError;
  }

  test('a truncated file is refused before anything is written', async () => {
    const bytes = readFileSync(good);
    writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const error = await refused(/is truncated/);
    expect(error.file).toBe(bad);
    await expect(inspectBackup(bad)).rejects.toThrow(BackupError);
  });

  test('a file cut exactly after a line, its compressed stream whole, is truncated too', async () => {
    writeFileSync(bad, gzipSync(backupLinesOf(good).slice(0, -1).map((l) => `${l}\n`).join('')));
    await refused(/is truncated \(it ends where the manifest was expected\)/);
  });

  test('a corrupted byte is refused', async () => {
    const bytes = Buffer.from(readFileSync(good));
    const at = Math.floor(bytes.length / 2);
    bytes[at] ^= 0xff;
    writeFileSync(bad, bytes);
    await refused(/is corrupted|is truncated/);
  });

  test('rows edited behind the checksum are refused, naming the table', async () => {
    const lines = backupLinesOf(good);
    const at = lines.findIndex((l) => l.startsWith('['));
    lines[at] = lines[at].replace('héllo', 'HÉLLO');
    writeFileSync(bad, gzipSync(lines.map((l) => `${l}\n`).join('')));
    const error = await refused(/the rows of table bk_kitchen do not match their checksum/);
    expect(error.table).toBe('bk_kitchen');
  });

  test('a manifest that disagrees with the tables is refused', async () => {
    const lines = backupLinesOf(good);
    lines[lines.length - 1] = lines[lines.length - 1].replace('"rows":41', '"rows":40');
    writeFileSync(bad, gzipSync(lines.map((l) => `${l}\n`).join('')));
    await refused(/the manifest does not match the tables/);
  });

  test('a file that is not gzip, or not a backup, is refused', async () => {
    writeFileSync(bad, 'id,name\n1,Ada\n');
    await refused(/is corrupted \(not a valid gzip stream/);
    writeFileSync(bad, gzipSync('{"hello":"world"}\n'));
    await refused(/is not a Tessera backup/);
    writeFileSync(bad, gzipSync(`${backupLinesOf(good)[0].replace('"version":1', '"version":99')}\n`));
    await refused(/format version 99/);
  });

  test('a database with tables is refused without force, and replaced with it', async () => {
    await orm.schema.create();
    await orm.em.fork().persist(orm.em.fork().create(Person, { name: 'Zed' })).flush();
    const error = await thrown(orm.restore(good));
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(/The target database is not empty \(it has the tables bk_kitchen, bk_person, bk_team\)/);
    expect((await orm.em.fork().find(Person, {})).map((p) => p.name)).toEqual(['Zed']);

    const summary = await orm.restore(good, { force: true });
    expect(summary.rows).toBe(41);
    expect((await orm.em.fork().find(Person, {})).map((p) => p.name)).toEqual(['Ada']);
    expect(await orm.em.fork().count(Kitchen, {})).toBe(40);
  });

  test('a restore that fails halfway leaves nothing where DDL is transactional (MariaDB keeps the tables, empty)', async () => {
    // Two rows with one id: the second INSERT fails after the tables were created and rows written.
    rewriteBackup(bad, (lines) => {
      const first = lines.findIndex((l) => l.startsWith('['));
      return [...lines.slice(0, first + 1), lines[first], ...lines.slice(first + 1)];
    });
    const error = await thrown(orm.restore(bad));
    expect(error).not.toBeInstanceOf(BackupError);
    expect((error as Error).constructor.name).toBe('UniqueConstraintViolationError');
    if (orm.dialect.capabilities.transactionalDdl) expect(await tables()).toEqual([]);
    else expect(await orm.em.fork().count(Kitchen, {})).toBe(0);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupError, Orm } from '../../../src';
import { freshDatabase } from '../../support/fresh-database';
import { openRawClient } from '../../support/raw-client';
import { selectedDialects } from '../../support/test-databases';

/*
 * Columns of types Tessera has no portable name for (PostgreSQL's inet and int4[]) are copied as the driver returns
 * them into the same kind of database, and refused, before anything is written, on the way to another.
 */
const dir = mkdtempSync(join(tmpdir(), 'tessera-backup-native-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const others = selectedDialects().filter((d) => d !== 'postgres');

// As describeEachDialect narrows a suite: run where PostgreSQL is among the selected dialects.
describe.each(selectedDialects().filter((d) => d === 'postgres'))('%s native types', () => {
  const file = join(dir, 'native.tessera');

  beforeAll(async () => {
    const url = await freshDatabase('postgres', 'bk_native', '');
    const raw = await openRawClient('postgres', url);
    try {
      await raw.exec('create table hosts (id integer primary key, address inet, ports int4[], tags text[])');
      await raw.exec(`insert into hosts values (1, '10.0.0.1/32', '{80,443}', '{"a b",c}'), (2, null, null, '{}')`);
    } finally {
      await raw.close();
    }
    const orm = await Orm.init({ dialect: 'postgres', url, entities: [], requireEntities: false });
    await orm.backup(file);
    await orm.close();
  });

  test('restore into PostgreSQL as they were', async () => {
    const url = await freshDatabase('postgres', 'bk_native_copy', '');
    const orm = await Orm.init({ dialect: 'postgres', url, entities: [], requireEntities: false });
    try {
      await orm.restore(file);
      const raw = await openRawClient('postgres', url);
      try {
        expect(await raw.rows('hosts')).toEqual([
          { id: 1, address: '10.0.0.1', ports: [80, 443], tags: ['a b', 'c'] },
          { id: 2, address: null, ports: null, tags: [] },
        ]);
      } finally {
        await raw.close();
      }
    } finally {
      await orm.close();
    }
  });

  test.each(others)('are refused on the way to %s, before anything is written', async (target) => {
    const url = await freshDatabase(target, 'bk_native_other', join(dir, 'other.sqlite'));
    const orm = await Orm.init({ dialect: target, url, entities: [], requireEntities: false });
    try {
      const error = await orm.restore(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as BackupError).message).toMatch(/^Column hosts\.address has the postgres type inet, which Tessera has no portable type for/);
      expect((error as BackupError).table).toBe('hosts');
      expect(await orm.schema.listTables()).toEqual([]);
    } finally {
      await orm.close();
    }
  });
});

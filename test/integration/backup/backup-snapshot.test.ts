import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inspectBackup, Orm } from '../../../src';
import { backupLinesOf } from '../../support/backup-file';
import { BACKUP_ENTITIES, Kitchen, kitchenRows, Person } from '../../support/backup-entities';
import { freshDatabase } from '../../support/fresh-database';
import { selectedDialects } from '../../support/test-databases';

/*
 * A backup reads one snapshot: a row committed by another connection while the backup is halfway through (its
 * output held back, so it stalls reading the first table) is in none of its tables, though the table it lands in
 * is read after the commit.
 */
const dir = mkdtempSync(join(tmpdir(), 'tessera-backup-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(selectedDialects())('%s', (dialect) => {
  test('rows committed while a backup runs are not in it', async () => {
    const url = await freshDatabase(dialect, 'bk_snapshot', join(dir, `${dialect}.sqlite`));
    const orm = await Orm.init({ dialect, url, entities: BACKUP_ENTITIES, pool: { min: 0, max: 2 } });
    const writer = await Orm.init({ dialect, url, entities: BACKUP_ENTITIES, pool: { min: 0, max: 2 } });
    try {
      await orm.schema.create();
      const em = orm.em.fork();
      // Incompressible rows, so that the held-back output fills every buffer before the first table is read.
      for (let i = 0; i < 200; i++) em.create(Kitchen, { ...kitchenRows()[0], long: randomBytes(1000).toString('hex') });
      em.create(Person, { name: 'Ada' });
      await em.flush();

      let stalled!: () => void;
      const reading = new Promise<void>((resolve) => (stalled = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const chunks: Buffer[] = [];
      const out = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          if (chunks.length > 1) return done();
          stalled();
          void released.then(() => done());
        },
      });
      const file = join(dir, `${dialect}.tessera`);
      const backup = orm.backup(out);

      await reading;
      const late = writer.em.fork();
      late.create(Person, { name: 'Late' });
      late.create(Kitchen, { ...kitchenRows()[1] });
      await late.flush();
      release();
      const summary = await backup;
      writeFileSync(file, Buffer.concat(chunks));

      expect(summary.tables.map((t) => [t.name, t.rows]).sort()).toEqual([
        ['bk_kitchen', 200],
        ['bk_person', 1],
        ['bk_team', 0],
      ]);
      expect((await inspectBackup(file)).rows).toBe(201);
      expect(backupLinesOf(file).some((line) => line.includes('"Late"'))).toBe(false);
    } finally {
      await writer.close();
      await orm.close();
    }
  });
});

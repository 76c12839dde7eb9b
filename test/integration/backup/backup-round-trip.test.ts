import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectBackup, Orm, type BackupSummary } from '../../../src';
import { BACKUP_ENTITIES, Kitchen, kitchenRows, Person, Team } from '../../support/backup-entities';
import { freshDatabase } from '../../support/fresh-database';
import { selectedDialects, type TestDialect } from '../../support/test-databases';

/*
 * Every pair of dialects (same-dialect included): a database holding every column type, a self-reference and a
 * cycle of foreign keys is backed up, restored into an empty database of the other dialect, and compared row
 * for row, by value through the entities and by checksum (a backup of the restored database has the same rows,
 * byte for byte, as the original). New rows then get ids past the restored ones.
 */
const dir = mkdtempSync(join(tmpdir(), 'tessera-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dialects = selectedDialects();

async function open(dialect: TestDialect, suffix: string): Promise<Orm> {
  const url = await freshDatabase(dialect, suffix, join(dir, `${suffix}.sqlite`));
  return Orm.init({ dialect, url, entities: BACKUP_ENTITIES, pool: { min: 0, max: 2 } });
}

/** The rows of every table through the entities, in id order, as plain values. */
async function contents(orm: Orm): Promise<unknown> {
  const em = orm.em.fork();
  const kitchens = await em.find(Kitchen, {}, { orderBy: { id: 'asc' } });
  const people = await em.find(Person, {}, { orderBy: { id: 'asc' } });
  const teams = await em.find(Team, {}, { orderBy: { id: 'asc' } });
  return {
    kitchens: kitchens.map((k) => ({ ...k })),
    people: people.map((p) => ({ id: p.id, name: p.name, manager: p.manager?.id ?? null, team: p.team?.id ?? null })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, lead: t.lead?.id ?? null })),
  };
}

const rowsOf = (summary: BackupSummary) => summary.tables.map(({ name, rows, sha256 }) => ({ name, rows, sha256 }));

describe.each(dialects)('from %s', (source) => {
  const file = join(dir, `${source}.tessera`);
  let original: unknown;
  let backup: BackupSummary;

  beforeAll(async () => {
    const orm = await open(source, `bk_from_${source}`);
    try {
      await orm.schema.create();
      const em = orm.em.fork();
      for (const row of kitchenRows()) em.create(Kitchen, row);
      const [a, b, c] = ['Ada', 'Bob', 'Cy'].map((name) => em.create(Person, { name }));
      const red = em.create(Team, { name: 'red', lead: c });
      await em.flush();
      // A forward self-reference (1 → 3) and a cycle (person → team → person).
      a.manager = c;
      b.manager = a;
      a.team = red;
      c.team = red;
      await em.flush();
      // A gap in the ids: the next one must still come after the largest.
      em.remove(b);
      await em.flush();
      original = await contents(orm);
      backup = await orm.backup(file);
    } finally {
      await orm.close();
    }
  });

  test('the backup holds every table with its row count', async () => {
    expect(await inspectBackup(file)).toEqual({ ...backup, createdAt: backup.createdAt });
    expect(backup.source.dialect).toBe(source === 'mariadb' ? 'mysql' : source);
    expect(backup.tables.map((t) => [t.name, t.rows])).toEqual([
      ['bk_kitchen', 5],
      // Referenced before referencing: person and team reference each other, so either comes first.
      ...(backup.tables[1].name === 'bk_person' ? [['bk_person', 2], ['bk_team', 1]] : [['bk_team', 1], ['bk_person', 2]]),
    ]);
  });

  test.each(dialects)('restores into %s row for row, ids and sequences included', async (target) => {
    const orm = await open(target, `bk_${source}_to_${target}`);
    try {
      const restored = await orm.restore(file);
      expect(restored.rows).toBe(8);
      expect(await contents(orm)).toEqual(original);

      // A backup of the restored database has the same rows, byte for byte.
      const again = await orm.backup(join(dir, `${source}-to-${target}.tessera`));
      expect(rowsOf(again)).toEqual(rowsOf(backup));

      // Key generators continue past the largest restored id (not the number of rows).
      const em = orm.em.fork();
      const kitchen = em.create(Kitchen, { ...kitchenRows()[0] });
      const person = em.create(Person, { name: 'Dee' });
      await em.flush();
      expect(kitchen.id).toBe(6);
      expect(person.id).toBe(4);
    } finally {
      await orm.close();
    }
  });
});

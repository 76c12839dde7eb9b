import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Audited, Column, Entity, Orm, PrimaryKey } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { MigLog } from '../../support/migration-fixtures';

@Entity({ table: 'as_accounts' })
@Audited()
class Account {
  @PrimaryKey() id!: number;
  @Column() owner!: string;
}

describeEachDialect([MigLog], (fx) => {
  let folder: string;
  let orm: Orm | undefined;
  const dropAll = async () => {
    for (const table of ['as_accounts', 'tessera_audit', 'as_history', 'tessera_migrations']) await fx.raw.exec(`drop table if exists ${table}`);
  };
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tessera-audit-schema-'));
    await dropAll();
  });
  afterEach(async () => {
    await orm?.close();
    orm = undefined;
    await dropAll();
    rmSync(folder, { recursive: true, force: true });
  });

  test('the generated migration creates the audit table like any table; after up() the schema has no diff', async () => {
    orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Account], migrations: { path: folder } });
    orm.on('migration', () => undefined);
    const written = await orm.migrator.generate('create schema');
    const source = readFileSync(written!.path, 'utf8');
    expect(source).toContain("'tessera_audit'");
    expect(source).toContain("'entity_key'");
    await orm.migrator.up();
    expect(await orm.migrator.check()).toEqual([]);
    const audit = (await orm.schema.introspect()).tables.find((t) => t.name === 'tessera_audit');
    expect(audit?.columns.map((c) => c.name)).toEqual(['id', 'entity', 'entity_key', 'operation', 'changes', 'transaction_id', 'at', 'actor']);

    const em = orm.em.fork({ actor: 'migrated' });
    em.create(Account, { owner: 'Ada' });
    await em.flush();
    expect((await orm.audit.history(Account, 1)).map((h) => h.actor)).toEqual(['migrated']);
  });

  test('the audit option names the table; orm.schema creates and drops it', async () => {
    orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Account], audit: { table: 'as_history' } });
    expect(orm.schema.createSql().join('\n')).toMatch(/create table [`"]?as_history/i);
    await orm.schema.create();
    const em = orm.em.fork();
    const account = em.create(Account, { owner: 'Ada' });
    await em.flush();
    expect(await fx.raw.count('as_history')).toBe(1);
    expect((await orm.audit.history(Account, account.id))[0].changes).toEqual({ owner: [null, 'Ada'] });
    await orm.schema.drop();
    expect(await orm.schema.listTables()).not.toContain('as_history');
  });
});

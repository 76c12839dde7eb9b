import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, Entity, Index, ManyToOne, Orm, PrimaryKey, Unique, Version, type DatabaseSchema } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { MigLog } from '../../support/migration-fixtures';

enum Mood {
  Happy = 'happy',
  Sad = 'sad',
}

/** Every column type, defaults of each kind, composite and unique indexes. */
@Index({ properties: ['lastName', 'firstName'] })
@Unique({ properties: ['code', 'lastName'] })
@Entity({ table: 'mrt_people' })
class Person {
  @PrimaryKey() id!: number;
  @Column({ length: 20, default: "O'Brien \\ Co" }) lastName!: string;
  @Column({ length: 30 }) firstName!: string;
  @Column({ length: 8, unique: true }) code!: string;
  @Column({ type: 'text', default: "it's" }) body!: string;
  @Column({ type: 'int', default: -1 }) count!: number;
  @Column({ type: 'bigint', nullable: true }) big!: string | null;
  @Column({ type: 'float', default: 1.5 }) ratio!: number;
  @Column({ type: 'double' }) precise!: number;
  @Column({ type: 'decimal', precision: 12, scale: 2, default: 0 }) money!: string;
  @Column({ default: true }) flag!: boolean;
  @Column({ type: 'date', default: '2024-02-29' }) day!: string;
  @Column({ type: 'timestamp' }) at!: Date;
  @Column({ type: 'json', nullable: true }) doc!: unknown;
  @Column({ type: 'uuid' }) ref!: string;
  @Column({ type: 'enum', items: Object.values(Mood), default: Mood.Sad }) mood!: Mood;
  @Column({ type: 'blob', nullable: true }) bytes!: Buffer | null;
  @Version() version!: number;
}

/** A self-reference and foreign keys with actions. */
@Entity({ table: 'mrt_nodes' })
class Node {
  @PrimaryKey() id!: number;
  @ManyToOne(() => Node, { nullable: true, onDelete: 'set null' }) parent!: Node | null;
  @ManyToOne(() => Person, { onDelete: 'cascade' }) owner!: Person;
}

describeEachDialect([MigLog], (fx) => {
  let folder: string;
  let orm: Orm | undefined;
  const ours = (schema: DatabaseSchema) => schema.tables.filter((t) => t.name.startsWith('mrt_'));
  const dropAll = async () => {
    for (const table of ['mrt_nodes', 'mrt_people', 'tessera_migrations']) await fx.raw.exec(`drop table if exists ${table}`);
  };
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tessera-round-trip-'));
    await dropAll();
  });
  afterEach(async () => {
    await orm?.close();
    await dropAll();
    rmSync(folder, { recursive: true, force: true });
  });

  test('entities -> generate -> up: the diff is empty, down drops everything, and up again gives the same schema', async () => {
    orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Person, Node], migrations: { path: folder } });
    orm.on('migration', () => undefined);
    const written = await orm.migrator.generate('create schema');
    expect(written?.warnings).toEqual([]);
    await orm.migrator.up();
    expect(await orm.migrator.check()).toEqual([]);
    expect(await orm.migrator.generate('nothing')).toBeUndefined();

    const created = ours(await orm.schema.introspect());
    expect(created.map((t) => t.name)).toEqual(['mrt_nodes', 'mrt_people']);
    await orm.migrator.down();
    expect(ours(await orm.schema.introspect())).toEqual([]);
    await orm.migrator.up();
    expect(ours(await orm.schema.introspect())).toEqual(created);
  });
});

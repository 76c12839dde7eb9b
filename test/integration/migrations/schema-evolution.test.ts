import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, Entity, Index, ManyToOne, Orm, PrimaryKey, type DatabaseSchema, type EntityClass } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { MigLog } from '../../support/migration-fixtures';

// Five versions of two entities, one change each. Each version is its own classes: decorators record per class.

@Entity({ table: 'evo_authors' })
class AuthorA {
  @PrimaryKey() id!: number;
  @Column({ length: 100 }) name!: string;
  @Column({ type: 'int', nullable: true }) rating!: number | null;
}

@Index({ properties: ['pages'] })
@Entity({ table: 'evo_books' })
class BookA {
  @PrimaryKey() id!: number;
  @Column({ length: 200 }) title!: string;
  @Column({ type: 'int' }) authorId!: number;
  @Column({ type: 'int' }) pages!: number;
}

/** 1: a column with a default. */
@Entity({ table: 'evo_authors' })
class AuthorB {
  @PrimaryKey() id!: number;
  @Column({ length: 100 }) name!: string;
  @Column({ type: 'int', nullable: true }) rating!: number | null;
  @Column({ default: true }) active!: boolean;
}

/** 2: a renamed column. */
@Index({ properties: ['pages'] })
@Entity({ table: 'evo_books' })
class BookB {
  @PrimaryKey() id!: number;
  @Column({ length: 200, renamedFrom: 'title' }) heading!: string;
  @Column({ type: 'int' }) authorId!: number;
  @Column({ type: 'int' }) pages!: number;
}

/** 3: a changed type. */
@Entity({ table: 'evo_authors' })
class AuthorC {
  @PrimaryKey() id!: number;
  @Column({ length: 100 }) name!: string;
  @Column({ type: 'double', nullable: true }) rating!: number | null;
  @Column({ default: true }) active!: boolean;
}

/** 4: a foreign key. */
@Index({ properties: ['pages'] })
@Entity({ table: 'evo_books' })
class BookC {
  @PrimaryKey() id!: number;
  @Column({ length: 200 }) heading!: string;
  @ManyToOne(() => AuthorC, { joinColumn: 'author_id' }) author!: AuthorC;
  @Column({ type: 'int' }) pages!: number;
}

/** 5: an index dropped. */
@Entity({ table: 'evo_books' })
class BookD {
  @PrimaryKey() id!: number;
  @Column({ length: 200 }) heading!: string;
  @ManyToOne(() => AuthorC, { joinColumn: 'author_id' }) author!: AuthorC;
  @Column({ type: 'int' }) pages!: number;
}

const STEPS: readonly { readonly title: string; readonly entities: EntityClass[]; readonly kinds: string[] }[] = [
  { title: 'add author active', entities: [AuthorB, BookA], kinds: ['addColumn'] },
  { title: 'rename book title', entities: [AuthorB, BookB], kinds: ['renameColumn'] },
  { title: 'author rating double', entities: [AuthorC, BookB], kinds: ['alterColumn'] },
  // A to-one relation indexes its join column too.
  { title: 'book author fk', entities: [AuthorC, BookC], kinds: ['createIndex', 'addForeignKey'] },
  { title: 'drop book pages index', entities: [AuthorC, BookD], kinds: ['dropIndex'] },
];

describeEachDialect([MigLog], (fx) => {
  let folder: string;
  const opened: Orm[] = [];
  const ormFor = async (entities: EntityClass[]) => {
    const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities, migrations: { path: folder } });
    orm.on('migration', () => undefined);
    opened.push(orm);
    return orm;
  };
  const evolved = (schema: DatabaseSchema) => schema.tables.filter((t) => t.name.startsWith('evo_'));
  const rows = async (table: string, columns: string[]) =>
    (await fx.raw.rows(table)).map((row) => Object.fromEntries(columns.map((c) => [c, row[c] === null ? null : String(row[c])])));

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tessera-evolution-'));
    for (const table of ['evo_books', 'evo_authors', 'tessera_migrations']) await fx.raw.exec(`drop table if exists ${table}`);
  });
  afterEach(async () => {
    for (const orm of opened.splice(0)) await orm.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('five entity changes, each a generated migration: up all, then down all, gives the original schema and keeps the data', async () => {
    const initial = await ormFor([AuthorA, BookA]);
    const created = await initial.migrator.generate('initial');
    expect(created?.operations.map((op) => op.kind)).toEqual(['createTable', 'createTable']);
    await initial.migrator.up();
    expect(await initial.migrator.check()).toEqual([]);
    await fx.raw.exec("insert into evo_authors (id, name, rating) values (1, 'Ann', 5), (2, 'Bob', null)");
    await fx.raw.exec("insert into evo_books (id, title, author_id, pages) values (1, 'One', 1, 100), (2, 'Two', 2, 200)");
    const original = evolved(await initial.schema.introspect());

    const names: string[] = [];
    for (const step of STEPS) {
      const orm = await ormFor(step.entities);
      const written = await orm.migrator.generate(step.title);
      expect(written?.operations.map((op) => op.kind)).toEqual(step.kinds);
      expect(written?.warnings).toEqual([]);
      expect(await orm.migrator.up()).toEqual([written?.name]);
      // No churn: the migrated database agrees with the entities.
      expect(await orm.migrator.check()).toEqual([]);
      names.push(written!.name);
    }
    expect(await rows('evo_authors', ['id', 'name', 'active'])).toEqual([
      { id: '1', name: 'Ann', active: expect.stringMatching(/^(1|true)$/) },
      { id: '2', name: 'Bob', active: expect.stringMatching(/^(1|true)$/) },
    ]);
    expect(await rows('evo_books', ['id', 'heading', 'author_id', 'pages'])).toEqual([
      { id: '1', heading: 'One', author_id: '1', pages: '100' },
      { id: '2', heading: 'Two', author_id: '2', pages: '200' },
    ]);

    const last = opened[opened.length - 1];
    expect(await last.migrator.down({ step: STEPS.length })).toEqual([...names].reverse());
    expect(evolved(await last.schema.introspect())).toEqual(original);
    expect(await rows('evo_authors', ['id', 'name', 'rating'])).toEqual([
      { id: '1', name: 'Ann', rating: '5' },
      { id: '2', name: 'Bob', rating: null },
    ]);
    expect(await rows('evo_books', ['id', 'title', 'author_id', 'pages'])).toEqual([
      { id: '1', title: 'One', author_id: '1', pages: '100' },
      { id: '2', title: 'Two', author_id: '2', pages: '200' },
    ]);
    // And forward again: the down() migrations left a database the up() ones apply to.
    expect(await last.migrator.up()).toEqual(names);
  });
});

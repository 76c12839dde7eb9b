import { Collection, Column, Entity, ManyToMany, ManyToOne, MetadataError, OneToMany, OneToOne, PrimaryKey, SnakeCaseNamingStrategy } from '../../../src';
import type { EntityClass } from '../../../src';
import { mysqlDialect } from '../../../src/dialects/mysql';
import { postgresDialect } from '../../../src/dialects/postgres';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import { discoverMetadata } from '../../../src/metadata/metadata-discovery';
import { metadataErrorOf } from '../../support/thrown-error';
import { createSql } from '../../support/create-sql';
import { Author, Book, Publisher, RELATION_ENTITIES, Tag } from '../../support/relation-entities';

const discover = (...classes: EntityClass[]) => discoverMetadata(classes, new SnakeCaseNamingStrategy());


describe('relation discovery: owning sides, foreign keys and pivots', () => {
  const storage = discover(...RELATION_ENTITIES);
  const book = storage.get(Book);
  const author = storage.get(Author);
  const tag = storage.get(Tag);

  it('derives the foreign-key column of each owning to-one, typed like the target key', () => {
    const fk = book.propertiesByName.get('author');
    expect(fk).toMatchObject({ column: 'author_id', type: 'int', nullable: false, relation: { kind: 'm:1', owner: true, inverse: 'books' } });
    expect(book.propertiesByName.get('publisher')).toMatchObject({ column: 'publisher_id', nullable: true, relation: { ref: true } });
    expect(author.propertiesByName.get('profile')).toMatchObject({ column: 'profile_id', unique: true, relation: { kind: '1:1', owner: true, inverse: 'author' } });
    expect(author.propertiesByName.get('mentor')?.relation?.target).toBe(author);
    expect(book.foreignKeys.map((k) => [k.name, k.column.column, k.target.table])).toEqual([
      ['book_author_id_foreign', 'author_id', 'author'],
      ['book_publisher_id_foreign', 'publisher_id', 'publisher'],
    ]);
    expect(book.indexes.map((i) => i.name)).toEqual(['book_author_id_index', 'book_publisher_id_index']);
  });

  it('links inverse sides and gives both sides of a many-to-many one pivot, seen from each end', () => {
    expect(author.relationsByName.get('books')).toMatchObject({ kind: '1:m', owner: false, inverse: 'author', cascade: ['persist', 'remove'], orphanRemoval: true });
    const tags = book.relationsByName.get('tags');
    const books = tag.relationsByName.get('books');
    expect(tags?.pivot).toMatchObject({ table: 'book_tags', sourceColumn: { column: 'book_id', type: 'uuid' }, targetColumn: { column: 'tag_id', type: 'int' } });
    expect(books?.pivot).toMatchObject({ table: 'book_tags', sourceColumn: { column: 'tag_id' }, targetColumn: { column: 'book_id' } });
    expect(book.pivots).toEqual([tags]);
    expect(tag.pivots).toEqual([]);
    expect(storage.get(Publisher).relationsByName.get('books')?.inverse).toBe('publisher');
  });

  it('writes foreign keys after the tables, and pivot tables with a composite key and cascading keys', () => {
    const postgres = createSql(postgresDialect, ...RELATION_ENTITIES);
    expect(postgres.filter((sql) => sql.includes('book_tags') && !sql.startsWith('alter'))).toEqual([
      'create table "book_tags" ("book_id" uuid not null, "tag_id" integer not null, constraint "book_tags_pkey" primary key ("book_id", "tag_id"))',
      'create index "book_tags_tag_id_index" on "book_tags" ("tag_id")',
    ]);
    const keys = postgres.filter((sql) => sql.startsWith('alter'));
    expect(keys.filter((sql) => sql.startsWith('alter table "book" ') || sql.startsWith('alter table "book_tags"'))).toEqual([
      'alter table "book" add constraint "book_author_id_foreign" foreign key ("author_id") references "author" ("id")',
      'alter table "book" add constraint "book_publisher_id_foreign" foreign key ("publisher_id") references "publisher" ("id")',
      'alter table "book_tags" add constraint "book_tags_book_id_foreign" foreign key ("book_id") references "book" ("id") on delete cascade',
      'alter table "book_tags" add constraint "book_tags_tag_id_foreign" foreign key ("tag_id") references "tag" ("id") on delete cascade',
    ]);
    // Every foreign key comes after every table, so creation order and cycles do not matter.
    expect(postgres.slice(-keys.length)).toEqual(keys);
    expect(createSql(mysqlDialect, ...RELATION_ENTITIES)).toContain(
      'alter table `book` add constraint `book_author_id_foreign` foreign key (`author_id`) references `author` (`id`)',
    );
    // SQLite cannot add a constraint later: it is part of the table (unnamed: SQLite keeps no constraint names).
    const sqlite = createSql(sqliteDialect, ...RELATION_ENTITIES);
    expect(sqlite.filter((sql) => sql.startsWith('alter'))).toEqual([]);
    expect(sqlite.find((sql) => sql.startsWith('create table "book" '))).toContain(
      'primary key ("id"), foreign key ("author_id") references "author" ("id"), foreign key ("publisher_id") references "publisher" ("id"))',
    );
  });
});

describe('relation discovery: mistakes name both sides', () => {
  it('refuses an inverse side naming a property that does not point back', () => {
    @Entity() class Owner { @PrimaryKey() id!: number; @OneToMany(() => Pet, (p) => p.name) pets = new Collection<Pet>(this); }
    @Entity() class Pet { @PrimaryKey() id!: number; @Column() name!: string; }
    const error = metadataErrorOf(() => discover(Owner, Pet));
    expect(error.message).toBe('Owner.pets names Pet.name as its other side, but Pet.name is not a @ManyToOne pointing back at Owner.');
  });

  it('refuses two owners of one many-to-many, and none', () => {
    @Entity() class Left { @PrimaryKey() id!: number; @ManyToMany(() => Right, (r) => r.lefts, { owner: true }) rights = new Collection<Right>(this); }
    @Entity() class Right { @PrimaryKey() id!: number; @ManyToMany(() => Left, (l) => l.rights, { owner: true }) lefts = new Collection<Left>(this); }
    expect(metadataErrorOf(() => discover(Left, Right)).message).toBe(
      'Left.rights and Right.lefts are both declared { owner: true }; exactly one side owns the relation.',
    );

    @Entity() class Up { @PrimaryKey() id!: number; @ManyToMany(() => Down, (d) => d.ups) downs = new Collection<Down>(this); }
    @Entity() class Down { @PrimaryKey() id!: number; @ManyToMany(() => Up, (u) => u.downs) ups = new Collection<Up>(this); }
    expect(metadataErrorOf(() => discover(Up, Down)).message).toMatch(/^Neither Up.downs nor Down.ups is declared \{ owner: true \}/);
  });

  it('refuses a target that is not one of the Orm entities, and options that do not apply', () => {
    class Stray { id!: number; }
    @Entity() class Holder { @PrimaryKey() id!: number; @ManyToOne(() => Stray) stray!: Stray; }
    expect(metadataErrorOf(() => discover(Holder)).message).toMatch(/^Holder.stray relates to Stray, which is not one of this Orm's entities/);

    @Entity() class Orphaned { @PrimaryKey() id!: number; @ManyToOne(() => Orphaned, { orphanRemoval: true }) parent!: Orphaned; }
    expect(metadataErrorOf(() => discover(Orphaned)).message).toBe("Orphaned.parent: the option 'orphanRemoval' does not apply to this kind of relation.");
  });

  it('refuses an inverse given as something other than a property access', () => {
    @Entity() class Box { @PrimaryKey() id!: number; @OneToMany(() => Item, () => 42) items = new Collection<Item>(this); }
    @Entity() class Item { @PrimaryKey() id!: number; @ManyToOne(() => Box) box!: Box; }
    expect(metadataErrorOf(() => discover(Box, Item)).message).toBe('Box.items: the inverse side must be given as a property access, e.g. (book) => book.author.');
  });

  it('names both one-to-one sides when they disagree on the owner', () => {
    @Entity() class Husk { @PrimaryKey() id!: number; @OneToOne(() => Seed, (s) => s.husk) seed: Seed | null = null; }
    @Entity() class Seed { @PrimaryKey() id!: number; @OneToOne(() => Husk, (h) => h.seed) husk: Husk | null = null; }
    expect(metadataErrorOf(() => discover(Husk, Seed)).message).toMatch(/^Neither Husk.seed nor Seed.husk/);
  });
});

/**
 * The README's demo: entities on a SQLite file, schema from metadata, persist, load, change, flush, remove,
 * with every statement Tessera sends printed as it goes. Run with `npm run demo`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Collection, Column, Entity, ManyToMany, ManyToOne, OneToMany, Orm, PrimaryKey, Version } from '../src';

@Entity({ table: 'authors' })
class Author {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column({ unique: true }) email!: string;
  @Column({ type: 'int', nullable: true }) age: number | null = null;
  @Column({ type: 'timestamp' }) createdAt = new Date();
  @Column({ type: 'json', nullable: true }) meta: Record<string, unknown> | null = null;
  @Version() version!: number;
  @OneToMany(() => Book, (b) => b.author, { cascade: ['persist', 'remove'] }) books = new Collection<Book>(this);
}

@Entity({ table: 'books' })
class Book {
  @PrimaryKey() id!: number;
  @Column() title!: string;
  @ManyToOne(() => Author) author!: Author;
  @ManyToMany(() => Tag, (t) => t.books, { owner: true }) tags = new Collection<Tag>(this);
}

@Entity({ table: 'tags' })
class Tag {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @ManyToMany(() => Book, (b) => b.tags) books = new Collection<Book>(this);
}

async function main(): Promise<void> {
  const file = join(__dirname, 'demo.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

  const orm = await Orm.init({ dialect: 'sqlite', url: file, entities: [Author, Book, Tag] });
  orm.on('query', (q) => console.log(`  sql> ${q.sql}  ${JSON.stringify(q.params)}  (${q.durationMs.toFixed(2)} ms)`));

  console.log('\n1. Create the schema from the entity metadata');
  await orm.schema.create();

  console.log('\n2. Persist three authors: one flush, one transaction, one multi-row INSERT');
  const em = orm.em.fork();
  const ada = em.create(Author, { name: 'Ada Lovelace', email: 'ada@example.com', age: 36, meta: { field: 'math' } });
  em.create(Author, { name: 'Alan Turing', email: 'alan@example.com', age: 41 });
  em.create(Author, { name: 'Grace Hopper', email: 'grace@example.com', age: 85 });
  await em.flush();
  console.log(`  ids generated: ada.id = ${ada.id}, version ${ada.version}`);

  console.log('\n3. Load in a fresh EntityManager (one per request), with a filter and an order');
  const request = orm.em.fork();
  const adults = await request.find(Author, { age: { $gte: 40 } }, { orderBy: { name: 'asc' } });
  console.log(`  found: ${adults.map((a) => a.name).join(', ')}`);
  const again = await request.findOne(Author, adults[0].id);
  console.log(`  findOne by id of a loaded entity sends nothing and returns the same object: ${again === adults[0]}`);

  console.log('\n4. Change one column of each and flush: one batched UPDATE of that column only');
  for (const a of adults) a.age = (a.age ?? 0) + 1;
  await request.flush();

  console.log('\n5. Flush again with nothing changed: no statement at all');
  await request.flush();

  console.log('\n6. Remove one, count the rest');
  request.remove(adults[0]);
  await request.flush();
  console.log(`  authors left: ${await request.count(Author)}`);

  console.log('\n7. Relations: a new author with three new books and two tags, by cascade, in one flush');
  const writer = orm.em.fork();
  const [poetry, science] = ['poetry', 'science'].map((name) => writer.create(Tag, { name }));
  const mary = writer.create(Author, { name: 'Mary Shelley', email: 'mary@example.com' });
  for (const title of ['Frankenstein', 'The Last Man', 'Mathilda']) {
    const book = writer.create(Book, { title, author: mary });
    book.tags.add(title === 'Frankenstein' ? science : poetry);
  }
  await writer.flush();

  console.log('\n8. Load authors with their books and the books\' tags: one query per relation level');
  const reader = orm.em.fork();
  const authors = await reader.find(Author, {}, { populate: ['books', 'books.tags'], orderBy: { name: 'asc' } });
  for (const a of authors) {
    const books = a.books.getItems().map((b) => `${b.title} [${b.tags.getItems().map((t) => t.name).join(', ')}]`);
    console.log(`  ${a.name}: ${books.join('; ') || 'no books'}`);
  }

  await orm.close();
  console.log(`\nDone. The database is ${file}.`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

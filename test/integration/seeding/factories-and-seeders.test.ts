import { Factory, Seeder, runSeeder, type EntityManager } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { Author, Book, RELATION_ENTITIES, Tag } from '../../support/relation-entities';

class AuthorFactory extends Factory<Author> {
  readonly entity = Author;
  definition(i: number) {
    return { name: `Author ${i}` };
  }
}

class BookFactory extends Factory<Book> {
  readonly entity = Book;
  definition(i: number) {
    return { title: `Book ${i}`, author: new AuthorFactory(this.em).makeOne() };
  }
}

class TagSeeder extends Seeder {
  async run(em: EntityManager) {
    em.create(Tag, { name: 'classic' });
    em.create(Tag, { name: 'sci-fi' });
  }
}

class LibrarySeeder extends Seeder {
  async run(em: EntityManager) {
    // The tags are flushed by the time the books are made, so the books can find them.
    await this.call(em, [TagSeeder]);
    const tags = await em.find(Tag, {}, { orderBy: { name: 'asc' } });
    const author = await new AuthorFactory(em).createOne({ name: 'Ursula' });
    await new BookFactory(em).create(2, (i) => ({ title: `Earthsea ${i}`, author, tags }));
  }
}

class FailingSeeder extends Seeder {
  async run(em: EntityManager) {
    await new AuthorFactory(em).create(2);
    throw new Error('seed data is wrong');
  }
}

describeEachDialect(RELATION_ENTITIES, (fx) => {
  test('make() builds entities with sequence numbers and overrides, and persists nothing', async () => {
    const em = fx.orm.em.fork();
    const factory = new AuthorFactory(em);
    const made = factory.make(2, { mentor: null });
    const next = factory.makeOne((i) => ({ name: `Override ${i}` }));
    expect(made.map((a) => a.name)).toEqual(['Author 1', 'Author 2']);
    expect(next.name).toBe('Override 3');
    expect(made[0]).toBeInstanceOf(Author);
    await em.flush();
    expect(fx.queries).toHaveLength(0);
    expect(await fx.raw.count('author')).toBe(0);
  });

  test('create() persists every entity in one flush, with relations set through the definition and overrides', async () => {
    const em = fx.orm.em.fork();
    const mentor = await new AuthorFactory(em).createOne({ name: 'Mentor' });
    fx.queries.length = 0;
    const books = await new BookFactory(em).create(3, { tags: [] });
    // One transaction: the three authors from the definition, then the three books, each as one insert.
    expect(fx.sent('begin')).toHaveLength(1);
    expect(fx.sent('insert')).toHaveLength(2);
    const rows = await fx.raw.rows('book');
    expect(rows.map((r) => r.title).sort()).toEqual(['Book 1', 'Book 2', 'Book 3']);
    expect(new Set(rows.map((r) => Number(r.author_id))).size).toBe(3);
    expect(books.every((b) => typeof b.author.id === 'number')).toBe(true);

    const pupil = await new AuthorFactory(em).createOne({ mentor });
    const [found] = await fx.orm.em.fork().find(Author, { id: pupil.id }, { populate: ['mentor'] });
    expect(found.mentor?.name).toBe('Mentor');
  });

  test('runSeeder runs a seeder that calls others, in one transaction, and its data is in the database', async () => {
    await runSeeder(fx.orm.em, LibrarySeeder);
    expect((await fx.raw.rows('tag')).map((r) => r.name)).toEqual(['classic', 'sci-fi']);
    expect((await fx.raw.rows('author')).map((r) => r.name)).toEqual(['Ursula']);
    expect((await fx.raw.rows('book')).map((r) => r.title).sort()).toEqual(['Earthsea 1', 'Earthsea 2']);
    expect(await fx.raw.count('book_tags')).toBe(4);
  });

  test('a seeder that throws leaves no rows behind', async () => {
    await expect(runSeeder(fx.orm.em, FailingSeeder)).rejects.toThrow('seed data is wrong');
    expect(await fx.raw.count('author')).toBe(0);
  });
});

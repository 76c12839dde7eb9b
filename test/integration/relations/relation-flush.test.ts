import { ForeignKeyConstraintViolationError, ref, ValidationError, type LoadedCollection } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { Author, Book, Profile, Publisher, RELATION_ENTITIES, Review, Tag } from '../../support/relation-entities';

/** Issue #3: what a flush writes for related entities, in what order, in how many statements. */
describeEachDialect(RELATION_ENTITIES, (fx) => {
  const loaded = <T extends object>(c: unknown) => c as LoadedCollection<T>;

  it('writes a new author with new books with new tags in one flush: parents first, pivot rows last', async () => {
    const em = fx.orm.em.fork();
    const tags = ['a', 'b', 'c'].map((name) => Object.assign(new Tag(), { name }));
    const author = em.create(Author, { name: 'Ada' });
    for (let i = 0; i < 4; i++) {
      const book = Object.assign(new Book(), { title: `B${i}` });
      book.tags.add(tags[i % 3], tags[(i + 1) % 3]);
      author.books.add(book);
    }

    await em.flush();

    const inserts = fx.sent('insert').map((q) => q.sql);
    expect(inserts).toHaveLength(4);
    expect(inserts[0]).toMatch(/into .author/);
    expect(inserts.slice(1, 3).some((sql) => /into .tag/.test(sql))).toBe(true);
    expect(inserts.slice(1, 3).some((sql) => /into .book./.test(sql))).toBe(true);
    expect(inserts[3]).toMatch(/into .book_tags/);
    expect(fx.sent('update')).toHaveLength(0);
    expect(await fx.raw.count('book')).toBe(4);
    expect(await fx.raw.count('book_tags')).toBe(8);
    const books = await fx.raw.rows('book');
    expect(books.every((b) => Number(b.author_id) === author.id)).toBe(true);
    expect(typeof author.id).toBe('number');
    expect(tags.every((t) => typeof t.id === 'number')).toBe(true);
  });

  it('keeps both sides in sync in memory: book.author = a adds to a.books, a.books.add(b) sets b.author', async () => {
    const em = fx.orm.em.fork();
    const ada = em.create(Author, { name: 'Ada' });
    const grace = em.create(Author, { name: 'Grace' });
    const book = em.create(Book, { title: 'Notes', author: ada });

    expect(loaded<Book>(ada.books).getItems()).toEqual([book]);
    grace.books.add(book);
    expect(book.author).toBe(grace);
    expect(loaded<Book>(ada.books).getItems()).toEqual([]);

    const tag = em.create(Tag, { name: 't' });
    tag.books.add(book);
    expect(loaded<Tag>(book.tags).getItems()).toEqual([tag]);

    const profile = em.create(Profile, { bio: 'x' });
    ada.profile = profile;
    expect(profile.author).toBe(ada);
    grace.profile = profile;
    expect(ada.profile).toBeNull();
    expect(profile.author).toBe(grace);

    await em.flush();
    const [row] = await fx.raw.rows('book');
    expect(Number(row.author_id)).toBe(grace.id);
    expect(await fx.raw.count('book_tags')).toBe(1);
  });

  it('creates an entity with the items of a collection, synced on both sides and written as pivot rows', async () => {
    const em = fx.orm.em.fork();
    const author = em.create(Author, { name: 'A' });
    const books = [em.create(Book, { title: 'one', author }), em.create(Book, { title: 'two', author })];
    const tag = em.create(Tag, { name: 't', books });

    expect(loaded<Book>(tag.books).getItems()).toEqual(books);
    expect(books.every((b) => loaded<Tag>(b.tags).contains(tag))).toBe(true);
    await em.flush();
    expect(await fx.raw.count('book_tags')).toBe(2);
  });

  it('inserts a self-reference cycle with NULL, then sets it with one batched UPDATE', async () => {
    const em = fx.orm.em.fork();
    const authors = Array.from({ length: 5 }, (_, i) => em.create(Author, { name: `A${i}` }));
    authors.forEach((a, i) => (a.mentor = authors[(i + 1) % authors.length]));

    await em.flush();

    expect(fx.sent('insert')).toHaveLength(1);
    expect(fx.sent('update')).toHaveLength(1);
    const rows = await fx.raw.rows('author');
    for (const [i, a] of authors.entries()) {
      expect(Number(rows.find((r) => Number(r.id) === a.id)?.mentor_id)).toBe(authors[(i + 1) % 5].id);
    }
    await em.flush();
    expect(fx.sent('update')).toHaveLength(1);
  });

  it('removes by cascade (loading unloaded children first), children before parents', async () => {
    const seed = fx.orm.em.fork();
    const author = seed.create(Author, { name: 'Ada' });
    for (let i = 0; i < 3; i++) author.books.add(seed.create(Book, { title: `B${i}`, author }));
    loaded<Book>(author.books).getItems()[0].tags.add(seed.create(Tag, { name: 't' }));
    await seed.flush();

    const em = fx.orm.em.fork();
    const found = await em.findOneOrFail(Author, author.id);
    em.remove(found);
    fx.queries.length = 0;
    await em.flush();

    expect(fx.sent('select')).toHaveLength(1);
    const deletes = fx.sent('delete').map((q) => q.sql);
    expect(deletes).toHaveLength(2);
    expect(deletes[0]).toMatch(/from .book./);
    expect(deletes[1]).toMatch(/from .author/);
    expect(await fx.raw.count('book')).toBe(0);
    expect(await fx.raw.count('book_tags')).toBe(0);
    expect(await fx.raw.count('tag')).toBe(1);
  });

  it('deletes an orphan removed from its collection; moving a child to another parent is not orphaning', async () => {
    const seed = fx.orm.em.fork();
    const ada = seed.create(Author, { name: 'Ada' });
    const grace = seed.create(Author, { name: 'Grace' });
    const [b1, b2] = [seed.create(Book, { title: 'one', author: ada }), seed.create(Book, { title: 'two', author: ada })];
    await seed.flush();

    const em = fx.orm.em.fork();
    const [a, g] = await em.find(Author, {}, { orderBy: { id: 'asc' }, populate: ['books'] });
    const [one, two] = a.books.getItems().sort((x, y) => x.title.localeCompare(y.title));
    a.books.remove(one);
    g.books.add(two);
    await em.flush();

    const rows = await fx.raw.rows('book');
    expect(rows.map((r) => r.title)).toEqual(['two']);
    expect(Number(rows[0].author_id)).toBe(grace.id);
    expect([b1.id, b2.id]).toContain(rows[0].id);
    expect(g.books.getItems()).toEqual([two]);
  });

  it('refuses to remove an entity still referenced without cascade, writing nothing', async () => {
    const seed = fx.orm.em.fork();
    const publisher = seed.create(Publisher, { name: 'P' });
    const author = seed.create(Author, { name: 'A' });
    seed.create(Book, { title: 'T', author, publisher: ref(publisher) });
    seed.create(Publisher, { name: 'Other' });
    await seed.flush();

    const em = fx.orm.em.fork();
    const [p, other] = await em.find(Publisher, {}, { orderBy: { id: 'asc' } });
    em.remove([other, p]);

    await expect(em.flush()).rejects.toThrow(ForeignKeyConstraintViolationError);
    expect(await fx.raw.count('publisher')).toBe(2);
  });

  it('adds and removes pivot rows in batches, and replacing a collection writes only the difference', async () => {
    const seed = fx.orm.em.fork();
    const author = seed.create(Author, { name: 'A' });
    const tags = Array.from({ length: 6 }, (_, i) => seed.create(Tag, { name: `t${i}` }));
    const books = Array.from({ length: 3 }, (_, i) => seed.create(Book, { title: `b${i}`, author }));
    for (const book of books) book.tags.add(tags[0], tags[1], tags[2]);
    await seed.flush();

    const em = fx.orm.em.fork();
    const loadedBooks = await em.find(Book, {}, { populate: ['tags'] });
    const allTags = await em.find(Tag, {}, { orderBy: { id: 'asc' } });
    fx.queries.length = 0;
    for (const book of loadedBooks) book.tags.set([allTags[1], allTags[2], allTags[3], allTags[4]]);
    await em.flush();

    expect(fx.sent('delete')).toHaveLength(1);
    expect(fx.sent('insert')).toHaveLength(1);
    expect(fx.sent('insert')[0].sql).toMatch(/book_tags/);
    const links = await fx.raw.rows('book_tags');
    expect(links).toHaveLength(12);
    expect(new Set(links.map((l) => Number(l.tag_id)))).toEqual(new Set([2, 3, 4, 5].map((i) => tags[i - 1].id)));
  });

  it('persists a new target by default (cascade persist), and refuses one behind a relation that opts out', async () => {
    const em = fx.orm.em.fork();
    const book = em.create(Book, { title: 'T', author: em.create(Author, { name: 'A' }) });
    book.publisher = ref(Object.assign(new Publisher(), { name: 'P' }));
    await em.flush();
    expect(await fx.raw.count('publisher')).toBe(1);

    em.create(Review, { text: 'r', author: Object.assign(new Author(), { name: 'Transient' }) });
    fx.queries.length = 0;
    await expect(em.flush()).rejects.toThrow(ValidationError);
    await expect(em.flush()).rejects.toThrow(/Review.author references a Author that is not persisted/);
    expect(fx.queries).toHaveLength(0);
    expect(await fx.raw.count('author')).toBe(1);
  });
});

describeEachDialect(RELATION_ENTITIES, (fx) => {
  it('updates a managed child pointing at a new parent in the same flush, after the parent insert', async () => {
    const seed = fx.orm.em.fork();
    const author = seed.create(Author, { name: 'A' });
    seed.create(Book, { title: 'T', author });
    await seed.flush();

    const em = fx.orm.em.fork();
    const [book] = await em.find(Book, {});
    const fresh = em.create(Author, { name: 'New' });
    book.author = fresh;
    fx.queries.length = 0;
    await em.flush();

    expect(fx.queries.map((q) => q.sql.split(' ')[0].toLowerCase()).filter((v) => v === 'insert' || v === 'update')).toEqual(['insert', 'update']);
    const [row] = await fx.raw.rows('book');
    expect(Number(row.author_id)).toBe(fresh.id);
  });
});

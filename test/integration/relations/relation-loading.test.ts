import { QueryError, ref, UsageError, type EntityManager } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { Author, Book, Profile, Publisher, RELATION_ENTITIES, Tag } from '../../support/relation-entities';

/** 3 authors × 4 books × 2 tags, 2 publishers, a profile and a mentor. */
async function seed(fx: Fixture): Promise<{ authors: Author[]; tags: Tag[]; publishers: Publisher[] }> {
  const em = fx.orm.em.fork();
  const tags = ['red', 'green', 'blue'].map((name) => em.create(Tag, { name }));
  const publishers = ['P1', 'P2'].map((name) => em.create(Publisher, { name }));
  const authors = ['Ada', 'Grace', 'Linus'].map((name) => em.create(Author, { name }));
  authors[0].profile = em.create(Profile, { bio: 'Analyst' });
  authors[1].mentor = authors[0];
  authors.forEach((author, a) => {
    for (let i = 0; i < 4; i++) {
      const book = em.create(Book, { title: `${author.name} ${i}`, author, publisher: ref(publishers[(a + i) % 2]) });
      book.tags.add(tags[i % 3], tags[(i + 1) % 3]);
    }
  });
  await em.flush();
  fx.queries.length = 0;
  return { authors, tags, publishers };
}

describeEachDialect(RELATION_ENTITIES, (fx) => {
  let em: EntityManager;
  beforeEach(() => {
    em = fx.orm.em.fork();
  });

  it('populates with one query per relation level, never one per parent', async () => {
    await seed(fx);
    const authors = await em.find(Author, {}, { populate: ['books', 'books.tags', 'profile'], orderBy: { name: 'asc' } });

    expect(fx.sent('select')).toHaveLength(4);
    expect(authors.map((a) => a.books.getItems().length)).toEqual([4, 4, 4]);
    const books = authors.flatMap((a) => a.books.getItems());
    expect(books.every((b) => b.tags.getItems().length === 2)).toBe(true);
    expect(books.every((b) => b.author === authors.find((a) => a.books.contains(b)))).toBe(true);
    expect(authors[0].profile?.bio).toBe('Analyst');
    expect(authors[0].profile?.author).toBe(authors[0]);
    // One Tag instance per row, whichever book reached it.
    expect(new Set(books.flatMap((b) => b.tags.getItems())).size).toBe(3);
  });

  it('chunks long key lists (10,000 keys per query) and still fills every collection', async () => {
    const seeding = fx.orm.em.fork();
    const tag = seeding.create(Tag, { name: 'only' });
    for (let i = 0; i < 10_001; i++) {
      const author = seeding.create(Author, { name: `A${i}` });
      if (i % 2500 === 0) seeding.create(Book, { title: `B${i}`, author }).tags.add(tag);
    }
    await seeding.flush();
    fx.queries.length = 0;

    const authors = await em.find(Author, {}, { populate: ['books', 'books.tags'] });

    // The roots, then books for 10,000 + 1 authors, then the tags of the 5 books.
    expect(fx.sent('select')).toHaveLength(1 + 2 + 1);
    expect(authors.filter((a) => a.books.getItems().length === 1)).toHaveLength(5);
    expect(authors.flatMap((a) => a.books.getItems()).every((b) => b.tags.getItems()[0]?.id === tag.id)).toBe(true);
  });

  it('loads the inverse side of a one-to-one, and the owning side, from either end', async () => {
    await seed(fx);
    const profiles = await em.find(Profile, {}, { populate: ['author'] });
    expect(profiles[0].author?.name).toBe('Ada');
    const authors = await em.find(Author, { name: { $in: ['Grace', 'Linus'] } }, { populate: ['profile', 'mentor'] });
    expect(authors.map((a) => a.profile)).toEqual([null, null]);
    expect(authors.find((a) => a.name === 'Grace')?.mentor?.name).toBe('Ada');
  });

  it('batches lazy loads made in the same tick: 100 references, one query', async () => {
    const seeding = fx.orm.em.fork();
    const author = seeding.create(Author, { name: 'A' });
    const publishers = Array.from({ length: 10 }, (_, i) => seeding.create(Publisher, { name: `P${i}` }));
    for (let i = 0; i < 100; i++) seeding.create(Book, { title: `B${i}`, author, publisher: ref(publishers[i % 10]) });
    await seeding.flush();
    fx.queries.length = 0;

    const books = await em.find(Book, {});
    expect(books[0].publisher?.isInitialized()).toBe(false);
    const id = books[0].publisher?.id;
    expect(typeof id).toBe('number');
    expect(fx.sent('select')).toHaveLength(1);

    const loaded = await Promise.all(books.map((b) => b.publisher?.load()));
    expect(fx.sent('select')).toHaveLength(2);
    expect(new Set(loaded).size).toBe(10);
    expect(loaded.every((p) => p?.name.startsWith('P'))).toBe(true);

    const authors = await em.find(Author, {});
    await Promise.all(authors.map((a) => a.books.init()));
    expect(fx.sent('select')).toHaveLength(4);
    expect(authors[0].books.isInitialized() && authors[0].books.count()).toBe(100);
  });

  it('reuses instances already in the identity map and never overwrites unflushed changes', async () => {
    const { authors } = await seed(fx);
    const ada = await em.findOneOrFail(Author, authors[0].id);
    ada.name = 'Changed';
    const book = await em.findOneOrFail(Book, { title: 'Ada 0' });
    book.title = 'Edited';
    const extra = em.create(Book, { title: 'Unflushed', author: ada });

    const found = await em.find(Author, { id: authors[0].id }, { populate: ['books'] });

    expect(found[0]).toBe(ada);
    expect(ada.name).toBe('Changed');
    expect(found[0].books.contains(book)).toBe(true);
    expect(book.title).toBe('Edited');
    expect(found[0].books.contains(extra)).toBe(true);
    expect(found[0].books.count()).toBe(5);
  });

  it('returns the requested number of roots when paginating with a populated to-many relation', async () => {
    await seed(fx);
    const page = await em.find(Author, {}, { populate: ['books'], orderBy: { name: 'asc' }, limit: 2, offset: 1 });
    expect(page.map((a) => a.name)).toEqual(['Grace', 'Linus']);
    expect(page.every((a) => a.books.getItems().length === 4)).toBe(true);
  });

  it('filters through relations without multiplying rows', async () => {
    await seed(fx);
    const byAuthor = await em.find(Book, { author: { name: 'Ada' } }, { orderBy: { title: 'asc' } });
    expect(byAuthor.map((b) => b.title)).toEqual(['Ada 0', 'Ada 1', 'Ada 2', 'Ada 3']);

    const byTag = await em.find(Book, { author: { name: 'Ada' }, tags: { name: { $in: ['red', 'blue'] } } });
    expect(byTag.map((b) => b.title).sort()).toEqual(['Ada 0', 'Ada 1', 'Ada 2', 'Ada 3']);
    const onlyGreen = await em.find(Book, { tags: { name: 'green' }, author: { name: 'Linus' } });
    expect(onlyGreen.map((b) => b.title).sort()).toEqual(['Linus 0', 'Linus 1', 'Linus 3']);

    const withRedBooks = await em.find(Author, { books: { tags: { name: 'red' } } });
    expect(withRedBooks).toHaveLength(3);
    const mentored = await em.find(Author, { mentor: { name: 'Ada' } });
    expect(mentored.map((a) => a.name)).toEqual(['Grace']);
    const ada = mentored[0].mentor as Author;
    expect(await em.count(Author, { mentor: ada })).toBe(1);
    expect(await em.count(Author, { mentor: null })).toBe(2);
    expect(await em.count(Book, { author: { $in: [ada] } })).toBe(4);
  });

  it('names an unknown populate path or relation filter before any SQL is sent', async () => {
    await expect(em.find(Author, {}, { populate: ['books.nope' as 'books'] })).rejects.toThrow(QueryError);
    await expect(em.find(Author, {}, { populate: ['books.nope' as 'books'] })).rejects.toThrow("Cannot populate 'books.nope': Book has no relation of that name.");
    await expect(em.find(Book, { author: { nope: 1 } as never })).rejects.toThrow("Author has no property 'nope' (in filter).");
    expect(fx.queries).toHaveLength(0);
  });

  it('refuses getItems() on a collection that is not loaded, naming the way to load it', async () => {
    await seed(fx);
    const [author] = await em.find(Author, {});
    expect(author.books.isInitialized()).toBe(false);
    expect(() => (author.books as unknown as { getItems(): unknown }).getItems()).toThrow(UsageError);
    const books = await author.books.init();
    expect(books.getItems()).toHaveLength(4);
  });

  it('completes a stub when the same row is loaded whole later', async () => {
    await seed(fx);
    const books = await em.find(Book, { title: 'Grace 0' });
    const stub = books[0].author;
    expect(stub.name).toBeUndefined();
    const grace = await em.findOneOrFail(Author, { name: 'Grace' });
    expect(grace).toBe(stub);
    expect(stub.name).toBe('Grace');
    await em.populate(books, ['author.mentor']);
    expect(stub.mentor?.name).toBe('Ada');
  });

  describe("strategy: 'joined'", () => {
    it('loads to-one and to-many relations in one query with JOINs, de-duplicated', async () => {
      await seed(fx);
      const authors = await em.find(Author, {}, { populate: ['books', 'books.tags', 'books.publisher', 'profile'], strategy: 'joined', orderBy: { name: 'asc' } });

      expect(fx.sent('select')).toHaveLength(1);
      expect(fx.sent('select')[0].sql).toMatch(/left join/);
      expect(authors.map((a) => a.name)).toEqual(['Ada', 'Grace', 'Linus']);
      expect(authors.map((a) => a.books.getItems().length)).toEqual([4, 4, 4]);
      const books = authors.flatMap((a) => a.books.getItems());
      expect(new Set(books).size).toBe(12);
      expect(books.every((b) => b.tags.getItems().length === 2)).toBe(true);
      expect(new Set(books.flatMap((b) => b.tags.getItems())).size).toBe(3);
      expect(books.every((b) => b.publisher?.isInitialized() && b.publisher.get().name.startsWith('P'))).toBe(true);
      expect(authors[0].profile?.bio).toBe('Analyst');
      expect(authors[0].profile?.author).toBe(authors[0]);
      expect(authors[1].profile).toBeNull();
    });

    it('paginates roots, not joined rows', async () => {
      await seed(fx);
      const page = await em.find(Author, { name: { $ne: 'Nobody' } }, { populate: ['books', 'books.tags'], strategy: 'joined', orderBy: { name: 'desc' }, limit: 2 });
      expect(page.map((a) => a.name)).toEqual(['Linus', 'Grace']);
      expect(page.every((a) => a.books.getItems().length === 4)).toBe(true);
    });

    it('keeps unflushed changes and loaded collections as they are', async () => {
      const { authors } = await seed(fx);
      const ada = await em.findOneOrFail(Author, authors[0].id, { populate: ['books'] });
      const moved = ada.books.getItems()[0];
      ada.books.remove(moved);
      ada.name = 'Changed';
      const [again] = await em.find(Author, { id: ada.id }, { populate: ['books'], strategy: 'joined' });
      expect(again).toBe(ada);
      expect(ada.name).toBe('Changed');
      expect(ada.books.count()).toBe(3);
    });
  });

  it('sets a foreign key by id through getReference, without a query', async () => {
    const { authors } = await seed(fx);
    const [book] = await em.find(Book, { title: 'Ada 0' });
    const grace = em.getReference(Author, authors[1].id);
    expect(em.getReference(Author, authors[1].id)).toBe(grace);
    book.author = grace;
    await em.flush();

    expect(fx.sent('select')).toHaveLength(1);
    const row = (await fx.raw.rows('book')).find((r) => r.title === 'Ada 0');
    expect(Number(row?.author_id)).toBe(authors[1].id);
    expect((await em.findOneOrFail(Author, authors[1].id)).name).toBe('Grace');
  });

  it('writes references and collections as keys in JSON, whatever the cycles between them', async () => {
    const { authors } = await seed(fx);
    const [ada] = await em.find(Author, { id: authors[0].id }, { populate: ['books', 'books.tags', 'books.publisher'] });
    const json = JSON.parse(JSON.stringify(ada));
    expect(json.name).toBe('Ada');
    expect(json.books).toHaveLength(4);
    expect(json.books).toEqual(expect.arrayContaining(ada.books.getItems().map((b) => b.id)));
    const book = JSON.parse(JSON.stringify(ada.books.getItems()[0]));
    expect(book.tags).toHaveLength(2);
    expect(typeof book.publisher).toBe('number');
  });
});


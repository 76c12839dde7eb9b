import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ref, type EntityManager } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { Author, Book, Publisher, RELATION_ENTITIES } from '../../support/relation-entities';

/**
 * Issue 11: each EntityManager routes its own loads. A lazy load made outside a transaction while it is open
 * runs outside it (another connection, the outer identity map); one made inside its callback runs on it.
 */
describeEachDialect(RELATION_ENTITIES, (fx) => {
  // SQLite has one connection: a load outside the transaction waits for it to end instead of running meanwhile.
  const concurrent = fx.dialect !== 'sqlite';

  async function seed(): Promise<void> {
    const em = fx.orm.em.fork();
    const publisher = em.create(Publisher, { name: 'Pub' });
    const author = em.create(Author, { name: 'Ada' });
    em.create(Book, { title: 'Before', author, publisher: ref(publisher) });
    await em.flush();
  }

  /** Runs a transaction that writes a book, then stays open for a while; `whileOpen` runs outside it meanwhile. */
  async function withOpenTransaction<R>(em: EntityManager, author: Author, end: 'commit' | 'rollback', whileOpen: () => R): Promise<R> {
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const failure = new Error('rolled back');
    const transaction = em.transactional(async (tx) => {
      tx.create(Book, { title: 'Inside', author });
      await tx.flush();
      await tx.sql`update publisher set name = ${'Renamed'}`;
      opened();
      await sleep(150);
      if (end === 'rollback') throw failure;
    });
    await open;
    const outside = whileOpen();
    if (end === 'rollback') await expect(transaction).rejects.toBe(failure);
    else await transaction;
    return outside;
  }

  const selectsOf = (table: string) => fx.sent('select').filter((q) => q.sql.includes(table));
  const endOf = (verb: 'commit' | 'rollback') => fx.queries.findIndex((q) => q.sql.toLowerCase().startsWith(verb));

  it('runs a lazy load made outside an open transaction outside it: committed rows only, into the outer identity map', async () => {
    await seed();
    const em = fx.orm.em.fork();
    const [author] = await em.find(Author, {});
    const [book] = await em.find(Book, {});
    fx.queries.length = 0;

    const loads = await withOpenTransaction(em, author, 'rollback', () => Promise.all([author.books.init(), book.publisher!.load()]));
    const [books, publisher] = await loads;

    // The transaction's uncommitted (then rolled back) rename was not seen; the tracked book is the same instance.
    expect(publisher.name).toBe('Pub');
    expect(books.getItems()).toContain(book);
    const [booksSelect] = selectsOf('book');
    expect(fx.queries.indexOf(booksSelect) < endOf('rollback')).toBe(concurrent);
    // The outer identity map holds the loaded publisher: found again without a query.
    const sent = fx.queries.length;
    expect(await em.findOne(Publisher, publisher.id)).toBe(publisher);
    expect(fx.queries.length).toBe(sent);
  });

  it('keeps what the outer EntityManager loaded while a transaction was open once that transaction commits', async () => {
    await seed();
    const em = fx.orm.em.fork();
    const [author] = await em.find(Author, {});
    fx.queries.length = 0;

    const books = await (await withOpenTransaction(em, author, 'commit', () => author.books.init()));

    expect(books.getItems().map((b) => b.title).sort()).toEqual(['Before', 'Inside']);
    expect(fx.queries.indexOf(selectsOf('book')[0]) < endOf('commit')).toBe(concurrent);
    const before = books.getItems().find((b) => b.title === 'Before') as Book;
    const sent = fx.queries.length;
    expect(await em.findOne(Book, before.id)).toBe(before);
    expect(fx.queries.length).toBe(sent);
  });

  it('runs a lazy load made inside the transaction (a nested one too) on it, for entities from before it', async () => {
    await seed();
    const em = fx.orm.em.fork();
    const [book] = await em.find(Book, {});

    const [name, count] = await em.transactional(async (tx) => {
      await tx.sql`update publisher set name = ${'Renamed'}`;
      const publisher = await book.publisher!.load();
      const nested = await tx.transactional(async (inner) => {
        await inner.sql`insert into book (id, title, author_id) values (${randomUUID()}, ${'Nested'}, ${book.author.id})`;
        return (await book.author.books.init()).count();
      });
      return [publisher.name, nested];
    });

    // The transactions' uncommitted writes were visible: the loads ran on their connection.
    expect(name).toBe('Renamed');
    expect(count).toBe(2);
    // Committed, the transaction's identity map is the outer one: what it loaded is found without a query.
    const sent = fx.queries.length;
    expect(await em.findOne(Publisher, book.publisher!.id)).toBe(book.publisher!.unwrap());
    expect(fx.queries.length).toBe(sent);
  });
});

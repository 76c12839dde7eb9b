import { Column, Entity, ManyToOne, PrimaryKey, UniqueConstraintViolationError, type LoadedCollection } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { Author, Book, RELATION_ENTITIES, Tag } from '../../support/relation-entities';

/** Issue #3: the less common paths — transactions, field semantics, unloaded collections, failures. */
describeEachDialect(RELATION_ENTITIES, (fx) => {
  it('runs a lazy load made inside transactional() on the transaction, for an entity loaded before it', async () => {
    const seed = fx.orm.em.fork();
    const author = seed.create(Author, { name: 'A' });
    seed.create(Book, { title: 'T', author });
    await seed.flush();

    const em = fx.orm.em.fork();
    const [loaded] = await em.find(Author, {});
    const count = await em.transactional(async (tx) => {
      tx.create(Book, { title: 'Inside', author: loaded });
      await tx.flush();
      return (await loaded.books.init()).count();
    });
    // The transaction's own insert is visible: the load ran on its connection (SQLite would wait forever otherwise).
    expect(count).toBe(2);
    expect(await fx.raw.count('book')).toBe(2);
  });

  it('syncs a relation set as a plain own property ([[Define]] class fields) once the entity is persisted', async () => {
    const em = fx.orm.em.fork();
    const author = em.create(Author, { name: 'A' });
    const book = new Book();
    book.title = 'T';
    // What `useDefineForClassFields` compiles `author!: Author = ...` to: a data property shadowing the accessor.
    Object.defineProperty(book, 'author', { value: author, writable: true, enumerable: true, configurable: true });
    em.persist(book);

    expect((author.books as LoadedCollection<Book>).getItems()).toEqual([book]);
    await em.flush();
    const [row] = await fx.raw.rows('book');
    expect(Number(row.author_id)).toBe(author.id);
  });

  it('writes a link added to an unloaded many-to-many without loading it, and keeps it when it is loaded', async () => {
    const seed = fx.orm.em.fork();
    const author = seed.create(Author, { name: 'A' });
    const book = seed.create(Book, { title: 'T', author });
    book.tags.add(seed.create(Tag, { name: 'old' }));
    await seed.flush();

    const em = fx.orm.em.fork();
    const [loaded] = await em.find(Book, {});
    const fresh = em.create(Tag, { name: 'new' });
    loaded.tags.add(fresh);
    expect(loaded.tags.isInitialized()).toBe(false);
    fx.queries.length = 0;
    await em.flush();

    expect(fx.sent('select')).toHaveLength(0);
    expect(fx.sent('insert')).toHaveLength(2);
    expect(await fx.raw.count('book_tags')).toBe(2);
    const tags = await loaded.tags.init();
    expect(tags.getItems().map((t) => t.name).sort()).toEqual(['new', 'old']);
  });

  it('adds a link that already exists to an unloaded many-to-many without an error or a second row', async () => {
    const seed = fx.orm.em.fork();
    const book = seed.create(Book, { title: 'T', author: seed.create(Author, { name: 'A' }) });
    const tag = seed.create(Tag, { name: 't' });
    book.tags.add(tag);
    await seed.flush();

    const em = fx.orm.em.fork();
    const [loaded] = await em.find(Book, {});
    const [sameTag] = await em.find(Tag, {});
    loaded.tags.add(sameTag);
    fx.queries.length = 0;
    await em.flush();

    expect(fx.sent('insert')).toHaveLength(1);
    expect(fx.sent('insert')[0].sql).toMatch(/on conflict \(.*\) do nothing|on duplicate key update/);
    expect(await fx.raw.count('book_tags')).toBe(1);
    expect((await loaded.tags.init()).getItems()).toEqual([sameTag]);
  });

  it('deletes rows of a self-reference together, clearing the keys between them first', async () => {
    const seed = fx.orm.em.fork();
    const [a, b, c] = ['a', 'b', 'c'].map((name) => seed.create(Author, { name }));
    a.mentor = b;
    b.mentor = c;
    c.mentor = a;
    await seed.flush();

    const em = fx.orm.em.fork();
    em.remove(await em.find(Author, {}));
    fx.queries.length = 0;
    await em.flush();

    expect(fx.sent('update')).toHaveLength(1);
    expect(fx.sent('delete')).toHaveLength(1);
    expect(await fx.raw.count('author')).toBe(0);
  });

  it('leaves keys, collections and pending links as they were when the flush fails, so a retry writes them', async () => {
    const em = fx.orm.em.fork();
    const author = em.create(Author, { name: 'A' });
    const book = em.create(Book, { title: 'T', author });
    const tag = em.create(Tag, { name: 't' });
    book.tags.add(tag);
    const clash = em.create(Book, { title: 'Clash', author });
    clash.id = book.id;

    await expect(em.flush()).rejects.toThrow(UniqueConstraintViolationError);
    expect(author.id).toBeUndefined();
    expect(tag.id).toBeUndefined();
    expect(await fx.raw.count('author')).toBe(0);

    em.remove(clash);
    (author.books as LoadedCollection<Book>).remove(clash);
    await em.flush();
    expect(typeof author.id).toBe('number');
    expect(await fx.raw.count('book_tags')).toBe(1);
    expect(await fx.raw.count('book')).toBe(1);
  });
});

@Entity()
class Team {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @ManyToOne(() => Player, { nullable: true }) captain: Player | null = null;
}

@Entity()
class Player {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @ManyToOne(() => Team) team!: Team;
}

/** Two tables referencing each other: the nullable key breaks the cycle. */
describeEachDialect([Team, Player], (fx) => {
  it('inserts teams with NULL captains, then their players, then sets the captains in one UPDATE', async () => {
    const em = fx.orm.em.fork();
    const teams = ['Red', 'Blue', 'Green'].map((name) => em.create(Team, { name }));
    for (const team of teams) {
      const players = [1, 2].map((n) => em.create(Player, { name: `${team.name} ${n}`, team }));
      team.captain = players[1];
    }
    await em.flush();

    expect(fx.queries.map((q) => q.sql.split(' ').slice(0, 3).join(' ').toLowerCase()).filter((s) => !/^(begin|start|commit)/.test(s))).toEqual([
      expect.stringMatching(/^insert into .team/),
      expect.stringMatching(/^insert into .player/),
      expect.stringMatching(/^update .team/),
    ]);
    const rows = await fx.raw.rows('team');
    for (const team of teams) expect(Number(rows.find((r) => Number(r.id) === team.id)?.captain_id)).toBe(team.captain?.id);
  });
});

import { QueryError, type CursorPage } from '../../src';
import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));

describeEachDialect([Author], (fx) => {
  beforeEach(async () => {
    const em = fx.orm.em.fork();
    // Names repeat, so the second key and the primary key decide ties.
    ['b', 'a', 'c', 'a', 'b', 'a', 'c', 'b', 'a', 'c'].forEach((name, i) => em.create(Author, { name, email: `${i}@x.io`, createdAt: at(i % 4) }));
    await em.flush();
    fx.queries.length = 0;
  });

  const orderBy = [{ name: 'asc' }, { createdAt: 'desc' }] as const;
  const sorted = async () =>
    (await fx.orm.em.fork().find(Author, {}, { orderBy: [{ name: 'asc' }, { createdAt: 'desc' }, { id: 'desc' }] })).map((a) => a.email);

  test('walking every page returns every row once, in order (mixed directions, primary key tie-breaker)', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: CursorPage<Author> = await fx.orm.em.fork().findByCursor(Author, {}, { first: 3, after, orderBy: [...orderBy] });
      seen.push(...page.items.map((a) => a.email));
      pages++;
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(await sorted());
  });

  test('walking backwards with last/before returns every row once, each page in order, with Relay page flags', async () => {
    const pages: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const page: CursorPage<Author> = await fx.orm.em.fork().findByCursor(Author, {}, { last: 3, before, orderBy: [...orderBy] });
      pages.unshift(page.items.map((a) => a.email));
      // Paging backward, only hasPreviousPage is computed; hasNextPage is false as in Relay's connections.
      expect(page.hasNextPage).toBe(false);
      expect(page.startCursor).not.toBeNull();
      if (!page.hasPreviousPage) break;
      before = page.startCursor;
    }
    expect(pages.map((p) => p.length)).toEqual([1, 3, 3, 3]);
    expect(pages.flat()).toEqual(await sorted());
  });

  test('a forward page and the backward page before its end meet: after then before return the same rows', async () => {
    const em = fx.orm.em.fork();
    const first = await em.findByCursor(Author, {}, { first: 4, orderBy: [...orderBy] });
    expect(first.hasPreviousPage).toBe(false);
    expect(first.hasNextPage).toBe(true);
    const second = await em.findByCursor(Author, {}, { first: 4, after: first.endCursor, orderBy: [...orderBy] });
    const back = await em.findByCursor(Author, {}, { last: 4, before: second.startCursor, orderBy: [...orderBy] });
    expect(back.items.map((a) => a.email)).toEqual(first.items.map((a) => a.email));
    expect(back.startCursor).toBe(first.startCursor);
    expect(back.endCursor).toBe(first.endCursor);
    expect(back.hasPreviousPage).toBe(false);
    const shorter = await em.findByCursor(Author, {}, { last: 3, before: second.startCursor, orderBy: [...orderBy] });
    expect(shorter.items.map((a) => a.email)).toEqual(first.items.slice(1).map((a) => a.email));
    expect(shorter.hasPreviousPage).toBe(true);
  });

  test('rows inserted between fetches: those before the cursor are not seen, those after are, none twice', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let round = 0;
    for (;;) {
      const page: CursorPage<Author> = await fx.orm.em.fork().findByCursor(Author, { name: { $ne: 'zz' } }, { first: 4, after, orderBy: [...orderBy] });
      seen.push(...page.items.map((a) => a.email));
      if (round++ === 0) {
        const em = fx.orm.em.fork();
        em.create(Author, { name: 'a', email: 'early@x.io', createdAt: at(59) }); // sorts before the cursor
        em.create(Author, { name: 'c', email: 'late@x.io', createdAt: at(30) }); // sorts after it
        await em.flush();
      }
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    const all = await sorted();
    expect(seen).toEqual(all.filter((email) => email !== 'early@x.io'));
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('an empty page has no cursor; a filter applies with the cursor', async () => {
    const page = await fx.orm.em.fork().findByCursor(Author, { name: 'zz' }, { first: 5 });
    expect(page).toEqual({ items: [], startCursor: null, endCursor: null, hasNextPage: false, hasPreviousPage: false });
    expect(await fx.orm.em.fork().findByCursor(Author, { name: 'zz' }, { last: 5 })).toEqual(page);
    const first = await fx.orm.em.fork().findByCursor(Author, { name: 'b' }, { first: 2, orderBy: { createdAt: 'asc' } });
    const next = await fx.orm.em.fork().findByCursor(Author, { name: 'b' }, { first: 2, after: first.endCursor, orderBy: { createdAt: 'asc' } });
    expect([...first.items, ...next.items].map((a) => a.name)).toEqual(['b', 'b', 'b']);
    expect(next.hasNextPage).toBe(false);
  });

  test('garbled, tampered or foreign cursors, nullable keys and bad sizes are QueryErrors before any SQL', async () => {
    const em = fx.orm.em.fork();
    const { endCursor } = await em.findByCursor(Author, {}, { first: 2, orderBy: { createdAt: 'desc' } });
    fx.queries.length = 0;
    const tampered = Buffer.from(Buffer.from(endCursor!, 'base64url').toString().replace('"v":[', '"v":[{"x":1},')).toString('base64url');
    for (const after of ['not a cursor!', 'Zm9v', tampered, Buffer.from('{"k":[],"v":[]}').toString('base64url')]) {
      await expect(em.findByCursor(Author, {}, { first: 2, after, orderBy: { createdAt: 'desc' } })).rejects.toThrow(QueryError);
    }
    await expect(em.findByCursor(Author, {}, { first: 2, after: endCursor, orderBy: { createdAt: 'asc' } })).rejects.toThrow(QueryError);
    await expect(em.findByCursor(Author, {}, { first: 2, orderBy: { age: 'asc' } })).rejects.toThrow(/nullable/);
    await expect(em.findByCursor(Author, {}, { first: 0 })).rejects.toThrow(QueryError);
    await expect(em.findByCursor(Author, {}, { last: 1.5 })).rejects.toThrow(/last must be a positive integer/);
    await expect(em.findByCursor(Author, {}, { first: 2, before: endCursor } as never)).rejects.toThrow(/either first/);
    await expect(em.findByCursor(Author, {}, { last: 2, after: endCursor } as never)).rejects.toThrow(/either first/);
    await expect(em.findByCursor(Author, {}, { first: 2, last: 2 } as never)).rejects.toThrow(/either first/);
    await expect(em.findByCursor(Author, {}, { last: 2, before: endCursor, orderBy: { createdAt: 'asc' } })).rejects.toThrow(QueryError);
    expect(fx.queries).toHaveLength(0);
  });
});

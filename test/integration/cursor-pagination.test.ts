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
    expect(page).toEqual({ items: [], endCursor: null, hasNextPage: false });
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
    expect(fx.queries).toHaveLength(0);
  });
});

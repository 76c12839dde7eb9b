import type { QueryEvent } from 'tessera-orm';
import { selectedDialects } from '../../../test/support/test-databases';
import { Article, Tag, User } from '../src/entities';
import { conduitClient, type ConduitCall } from './support/conduit-client';
import { startConduit, type ConduitServer } from './support/conduit-server';

/**
 * No N+1: a page of articles with their authors, tags, favorites counts and the viewer's favorited and following
 * flags costs the same statements whatever the page size and whoever asks, counted through the `query` event.
 */
describe.each(selectedDialects())('statements per request on %s', (dialect) => {
  let server: ConduitServer;
  let call: ConduitCall;
  const tokens: Record<'ann' | 'bob', string> = { ann: '', bob: '' };

  beforeAll(async () => {
    server = await startConduit(dialect);
    call = conduitClient(server.api);
    for (const name of ['ann', 'bob'] as const) {
      const answer = await call('POST', '/users', { body: { user: { username: name, email: `${name}@example.com`, password: 'secret' } } });
      tokens[name] = answer.body.user.token;
    }
    // 30 articles by 10 authors, three tags each; ann follows half the authors and favorites every third article,
    // bob follows the others and favorites every other article.
    const em = server.orm.em.fork();
    const [ann, bob] = await em.find(User, { username: { $in: ['ann', 'bob'] } }, { orderBy: { username: 'asc' } });
    const tags = ['red', 'green', 'blue', 'cyan'].map((name) => em.create(Tag, { name }));
    const authors = Array.from({ length: 10 }, (_, i) => em.create(User, { username: `author${i}`, email: `author${i}@example.com`, passwordHash: 'x' }));
    authors.forEach((author, i) => (i % 2 ? bob : ann).following.add(author));
    for (let i = 0; i < 30; i++) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
      const article = em.create(Article, {
        slug: `article-${i}`,
        title: `Article ${i}`,
        description: 'd',
        body: 'b',
        author: authors[i % 10],
        createdAt: at,
        updatedAt: at,
        tags: [tags[i % 4], tags[(i + 1) % 4], tags[(i + 2) % 4]],
      });
      if (i % 3 === 0) article.favoritedBy.add(ann);
      if (i % 2 === 0) article.favoritedBy.add(bob);
    }
    await em.flush();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The statements the server sent while answering one request. */
  async function statementsOf(path: string, token?: string): Promise<{ statements: QueryEvent[]; body: any }> {
    const statements: QueryEvent[] = [];
    const off = server.orm.on('query', (q) => statements.push(q));
    try {
      const answer = await call('GET', path, { token });
      expect(answer.status).toBe(200);
      return { statements, body: answer.body };
    } finally {
      off();
    }
  }

  test('GET /articles: 5 statements for an anonymous viewer, 7 for a signed-in one, for 1, 5 or 20 articles', async () => {
    for (const limit of [1, 5, 20]) {
      const anonymous = await statementsOf(`/articles?limit=${limit}`);
      expect(anonymous.body.articles).toHaveLength(limit);
      // count, page, authors, tags, favorites counts
      expect(anonymous.statements.map((q) => q.sql.slice(0, 6).toLowerCase())).toEqual(Array(5).fill('select'));
      for (const viewer of ['ann', 'bob'] as const) {
        const signedIn = await statementsOf(`/articles?limit=${limit}`, tokens[viewer]);
        expect(signedIn.body.articles).toHaveLength(limit);
        // ... and which of them the viewer favorited, and which authors the viewer follows
        expect(signedIn.statements).toHaveLength(7);
      }
    }
  });

  test('the flags in those pages are each viewer\'s own', async () => {
    const ann = (await statementsOf('/articles?limit=20', tokens.ann)).body.articles;
    const bob = (await statementsOf('/articles?limit=20', tokens.bob)).body.articles;
    const number = (a: any) => Number(a.slug.split('-')[1]);
    for (const a of ann) {
      expect(a.favorited).toBe(number(a) % 3 === 0);
      expect(a.author.following).toBe(Number(a.author.username.slice(6)) % 2 === 0);
      expect(a.favoritesCount).toBe(Number(number(a) % 3 === 0) + Number(number(a) % 2 === 0));
      expect(a.tagList).toHaveLength(3);
    }
    for (const b of bob) {
      expect(b.favorited).toBe(number(b) % 2 === 0);
      expect(b.author.following).toBe(Number(b.author.username.slice(6)) % 2 === 1);
    }
  });

  test('the feed and the filters cost the same 7 statements', async () => {
    for (const path of ['/articles/feed?limit=3', '/articles/feed?limit=15', '/articles?tag=red&limit=2', '/articles?favorited=bob&author=author2', '/articles?limit=20&offset=10']) {
      expect((await statementsOf(path, tokens.ann)).statements).toHaveLength(7);
    }
  });

  test('each write request writes in one transaction, its one flush: a BEGIN, the writes, a COMMIT', async () => {
    const writes: [string, string, unknown?][] = [
      ['POST', '/users', { user: { username: 'carl', email: 'carl@example.com', password: 'secret' } }],
      ['PUT', '/user', { user: { bio: 'hello' } }],
      ['POST', '/profiles/author3/follow'],
      ['DELETE', '/profiles/author0/follow'],
      ['POST', '/articles', { article: { title: 'Flush once', description: 'd', body: 'b', tagList: ['red', 'brand-new', 'also-new'] } }],
      ['PUT', '/articles/flush-once', { article: { title: 'Flushed once', body: 'c' } }],
      ['POST', '/articles/flushed-once/favorite'],
      ['DELETE', '/articles/article-3/favorite'],
      ['POST', '/articles/flushed-once/comments', { comment: { body: 'nice' } }],
      ['DELETE', '/articles/flushed-once'],
    ];
    for (const [method, path, body] of writes) {
      const statements: QueryEvent[] = [];
      const off = server.orm.on('query', (q) => statements.push(q));
      const answer = await call(method, path, { token: tokens.ann, body });
      off();
      expect([200, 201, 204]).toContain(answer.status);
      const verbs = statements.map((q) => q.sql.trim().split(/\s+/)[0].toLowerCase());
      const first = verbs.findIndex((v) => v !== 'select');
      const written = verbs.slice(first).filter((v) => v !== 'select');
      expect(statements[first].sql.toLowerCase()).toMatch(/^(begin|start transaction)/);
      expect(written.filter((v) => v === 'commit')).toHaveLength(1);
      expect(written[written.length - 1]).toBe('commit');
      expect(written.filter((v) => v === 'begin' || v === 'start')).toHaveLength(1);
    }
  });
});

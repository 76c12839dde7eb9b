import { selectedDialects } from '../../../test/support/test-databases';
import { conduitClient, ISO_MS, type ConduitCall } from './support/conduit-client';
import { startConduit, type ConduitServer } from './support/conduit-server';

/**
 * Every endpoint, status code and error body of shared/realworld/openapi.yml, over HTTP, on each database.
 * Statuses the spec leaves to the RealWorld docs' error handling page: 401 without (or with a bad) token, 403 for
 * another user's article or comment, 404 for what does not exist, 422 with `{ errors: { body: [...] } }`.
 */
describe.each(selectedDialects())('Conduit API on %s', (dialect) => {
  let server: ConduitServer;
  let call: ConduitCall;
  let seq = 0;

  beforeAll(async () => {
    server = await startConduit(dialect);
    call = conduitClient(server.api);
  });
  afterAll(async () => {
    await server?.close();
  });

  interface Account {
    username: string;
    email: string;
    password: string;
    token: string;
  }

  async function register(prefix = 'user'): Promise<Account> {
    const username = `${prefix}${++seq}`;
    const account = { username, email: `${username}@example.com`, password: `pw-${username}` };
    const answer = await call('POST', '/users', { body: { user: account } });
    expect(answer.status).toBe(201);
    return { ...account, token: answer.body.user.token };
  }

  async function createArticle(author: Account, article: Record<string, unknown> = {}): Promise<any> {
    const n = ++seq;
    const answer = await call('POST', '/articles', {
      token: author.token,
      body: { article: { title: `Title ${n}`, description: `About ${n}`, body: `Body ${n}`, ...article } },
    });
    expect(answer.status).toBe(201);
    return answer.body.article;
  }

  function expectErrors(answer: { status: number; body: any }, status: number): void {
    expect(answer.status).toBe(status);
    expect(Object.keys(answer.body)).toEqual(['errors']);
    expect(Array.isArray(answer.body.errors.body)).toBe(true);
    expect(answer.body.errors.body.length).toBeGreaterThan(0);
    for (const message of answer.body.errors.body) expect(typeof message).toBe('string');
  }

  describe('users and authentication', () => {
    test('POST /users registers: 201 with the user and a working token; bio and image are empty strings', async () => {
      const answer = await call('POST', '/users', { body: { user: { username: 'jake', email: 'jake@jake.jake', password: 'jakejake' } } });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ user: { email: 'jake@jake.jake', username: 'jake', bio: '', image: '', token: expect.any(String) } });
      const me = await call('GET', '/user', { token: answer.body.user.token });
      expect(me.status).toBe(200);
      expect(me.body.user).toEqual({ email: 'jake@jake.jake', username: 'jake', bio: '', image: '', token: answer.body.user.token });
    });

    test('POST /users: a missing or blank field, a missing wrapper, a bad email or a taken name is a 422', async () => {
      const jake = await register('taken');
      const bodies: unknown[] = [
        { user: { email: 'a@b.c', password: 'x' } },
        { user: { username: 'a', password: 'x' } },
        { user: { username: 'a', email: 'a@b.c' } },
        { user: { username: '', email: 'a@b.c', password: 'x' } },
        { user: { username: 7, email: 'a@b.c', password: 'x' } },
        { user: { username: 'a', email: 'not-an-email', password: 'x' } },
        { username: 'a', email: 'a@b.c', password: 'x' },
        {},
        { user: { username: jake.username, email: 'other@example.com', password: 'x' } },
        { user: { username: 'other-name', email: jake.email, password: 'x' } },
      ];
      for (const body of bodies) expectErrors(await call('POST', '/users', { body }), 422);
      const blank = await call('POST', '/users', { body: { user: { username: '', email: 'a@b.c', password: 'x' } } });
      expect(blank.body.errors.body).toContain("user.username can't be empty");
      const taken = await call('POST', '/users', { body: { user: { username: jake.username, email: 'x@example.com', password: 'x' } } });
      expect(taken.body.errors.body).toEqual(['username has already been taken']);
    });

    test('a body that is not JSON is a 422 in the error format', async () => {
      expectErrors(await call('POST', '/users', { raw: '{"user": ' }), 422);
    });

    test('POST /users/login: 200 with a token; a wrong password or unknown email is 401; a missing field is 422', async () => {
      const ann = await register('login');
      const ok = await call('POST', '/users/login', { body: { user: { email: ann.email, password: ann.password } } });
      expect(ok.status).toBe(200);
      expect(ok.body.user).toEqual({ email: ann.email, username: ann.username, bio: '', image: '', token: expect.any(String) });
      expect((await call('GET', '/user', { token: ok.body.user.token })).status).toBe(200);
      expectErrors(await call('POST', '/users/login', { body: { user: { email: ann.email, password: 'wrong' } } }), 401);
      expectErrors(await call('POST', '/users/login', { body: { user: { email: 'nobody@example.com', password: 'x' } } }), 401);
      expectErrors(await call('POST', '/users/login', { body: { user: { email: ann.email } } }), 422);
      expectErrors(await call('POST', '/users/login', { body: { email: ann.email, password: ann.password } }), 422);
    });

    test('GET /user: 401 without a token, with a bad or foreign-signed token, or another scheme', async () => {
      const ann = await register();
      expectErrors(await call('GET', '/user'), 401);
      expectErrors(await call('GET', '/user', { token: 'not.a.jwt' }), 401);
      expectErrors(await call('GET', '/user', { token: ann.token.slice(0, -2) + 'xx' }), 401);
      expectErrors(await call('GET', '/user', { authorization: `Basic ${ann.token}` }), 401);
      expect((await call('GET', '/user', { authorization: `Token ${ann.token}` })).status).toBe(200);
    });

    test('PUT /user changes the given fields (a new password logs in); empty or taken is 422; no token is 401', async () => {
      const ann = await register('upd');
      const other = await register('upd');
      const answer = await call('PUT', '/user', { token: ann.token, body: { user: { bio: 'I like to skateboard', image: 'https://i.stack.imgur.com/xHWG8.jpg' } } });
      expect(answer.status).toBe(200);
      expect(answer.body.user).toEqual({ email: ann.email, username: ann.username, bio: 'I like to skateboard', image: 'https://i.stack.imgur.com/xHWG8.jpg', token: ann.token });
      const renamed = await call('PUT', '/user', { token: ann.token, body: { user: { username: `${ann.username}x`, email: `x${ann.email}`, password: 'new-password' } } });
      expect(renamed.status).toBe(200);
      expect(renamed.body.user).toMatchObject({ username: `${ann.username}x`, email: `x${ann.email}`, bio: 'I like to skateboard' });
      expect((await call('POST', '/users/login', { body: { user: { email: `x${ann.email}`, password: 'new-password' } } })).status).toBe(200);
      expectErrors(await call('POST', '/users/login', { body: { user: { email: `x${ann.email}`, password: ann.password } } }), 401);
      expect((await call('GET', '/user', { token: ann.token })).body.user.username).toBe(`${ann.username}x`);

      expectErrors(await call('PUT', '/user', { token: ann.token, body: { user: {} } }), 422);
      expectErrors(await call('PUT', '/user', { token: ann.token, body: {} }), 422);
      expectErrors(await call('PUT', '/user', { token: ann.token, body: { user: { email: other.email } } }), 422);
      expectErrors(await call('PUT', '/user', { token: ann.token, body: { user: { username: other.username } } }), 422);
      expectErrors(await call('PUT', '/user', { token: ann.token, body: { user: { email: '' } } }), 422);
      expectErrors(await call('PUT', '/user', { body: { user: { bio: 'x' } } }), 401);
      const cleared = await call('PUT', '/user', { token: ann.token, body: { user: { bio: null, image: '' } } });
      expect(cleared.body.user).toMatchObject({ bio: '', image: '' });
    });
  });

  describe('profiles', () => {
    test('GET /profiles/:username: anonymous, as a follower and as someone else; 404 for nobody; 401 for a bad token', async () => {
      const celeb = await register('celeb');
      const fan = await register('fan');
      const stranger = await register();
      const anonymous = await call('GET', `/profiles/${celeb.username}`);
      expect(anonymous.status).toBe(200);
      expect(anonymous.body).toEqual({ profile: { username: celeb.username, bio: '', image: '', following: false } });

      const follow = await call('POST', `/profiles/${celeb.username}/follow`, { token: fan.token });
      expect(follow.status).toBe(200);
      expect(follow.body).toEqual({ profile: { username: celeb.username, bio: '', image: '', following: true } });
      expect((await call('POST', `/profiles/${celeb.username}/follow`, { token: fan.token })).body.profile.following).toBe(true);
      expect((await call('GET', `/profiles/${celeb.username}`, { token: fan.token })).body.profile.following).toBe(true);
      expect((await call('GET', `/profiles/${celeb.username}`, { token: stranger.token })).body.profile.following).toBe(false);
      expect((await call('GET', `/profiles/${fan.username}`, { token: celeb.token })).body.profile.following).toBe(false);

      const unfollow = await call('DELETE', `/profiles/${celeb.username}/follow`, { token: fan.token });
      expect(unfollow.status).toBe(200);
      expect(unfollow.body.profile).toEqual({ username: celeb.username, bio: '', image: '', following: false });
      expect((await call('DELETE', `/profiles/${celeb.username}/follow`, { token: fan.token })).body.profile.following).toBe(false);
      expect((await call('GET', `/profiles/${celeb.username}`, { token: fan.token })).body.profile.following).toBe(false);

      expectErrors(await call('GET', '/profiles/nobody-at-all'), 404);
      expectErrors(await call('GET', `/profiles/${celeb.username}`, { token: 'bad' }), 401);
    });

    test('follow and unfollow need a token (401) and an existing user (404)', async () => {
      const celeb = await register('celeb');
      const fan = await register('fan');
      expectErrors(await call('POST', `/profiles/${celeb.username}/follow`), 401);
      expectErrors(await call('DELETE', `/profiles/${celeb.username}/follow`), 401);
      expectErrors(await call('POST', '/profiles/nobody-at-all/follow', { token: fan.token }), 404);
      expectErrors(await call('DELETE', '/profiles/nobody-at-all/follow', { token: fan.token }), 404);
    });
  });

  describe('articles', () => {
    test('POST /articles: 201 with the article as its author sees it, tags sorted, timestamps with milliseconds', async () => {
      const jake = await register('author');
      const answer = await call('POST', '/articles', {
        token: jake.token,
        body: { article: { title: 'How to train your dragon', description: 'Ever wonder how?', body: 'You have to believe', tagList: ['reactjs', 'angularjs', 'dragons', 'reactjs'] } },
      });
      expect(answer.status).toBe(201);
      const article = answer.body.article;
      expect(article).toEqual({
        slug: expect.stringMatching(/^how-to-train-your-dragon/),
        title: 'How to train your dragon',
        description: 'Ever wonder how?',
        body: 'You have to believe',
        tagList: ['angularjs', 'dragons', 'reactjs'],
        createdAt: expect.stringMatching(ISO_MS),
        updatedAt: expect.stringMatching(ISO_MS),
        favorited: false,
        favoritesCount: 0,
        author: { username: jake.username, bio: '', image: '', following: false },
      });
      const again = await createArticle(jake, { title: 'How to train your dragon' });
      expect(again.slug).not.toBe(article.slug);
      const fetched = await call('GET', `/articles/${article.slug}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body.article).toEqual(article);
    });

    test('POST /articles: 401 without a token, 422 for a missing or blank field or a bad tag list', async () => {
      const jake = await register('author');
      const good = { title: 't', description: 'd', body: 'b' };
      expectErrors(await call('POST', '/articles', { body: { article: good } }), 401);
      for (const article of [{ ...good, title: undefined }, { ...good, description: '' }, { ...good, body: 5 }, { ...good, tagList: 'x' }, { ...good, tagList: [1] }]) {
        expectErrors(await call('POST', '/articles', { token: jake.token, body: { article } }), 422);
      }
      expectErrors(await call('POST', '/articles', { token: jake.token, body: good }), 422);
    });

    test('GET /articles/:slug: 404 for an unknown slug; a bad token reads as anonymous', async () => {
      const jake = await register('author');
      const article = await createArticle(jake);
      expectErrors(await call('GET', '/articles/no-such-article'), 404);
      const answer = await call('GET', `/articles/${article.slug}`, { token: 'bad' });
      expect(answer.status).toBe(200);
      expect(answer.body.article.favorited).toBe(false);
    });

    test('PUT /articles/:slug: the author changes fields (a new title, a new slug); 403 for another user, 404, 401, 422', async () => {
      const jake = await register('author');
      const other = await register();
      const article = await createArticle(jake, { tagList: ['b', 'a'] });
      const body = await call('PUT', `/articles/${article.slug}`, { token: jake.token, body: { article: { body: 'With two hands' } } });
      expect(body.status).toBe(200);
      expect(body.body.article).toMatchObject({ slug: article.slug, title: article.title, body: 'With two hands', tagList: ['a', 'b'] });
      expect(body.body.article.updatedAt >= article.updatedAt).toBe(true);
      expect(body.body.article.createdAt).toBe(article.createdAt);

      const retitled = await call('PUT', `/articles/${article.slug}`, { token: jake.token, body: { article: { title: 'A Brand New Title', description: 'new' } } });
      expect(retitled.status).toBe(200);
      expect(retitled.body.article).toMatchObject({ slug: 'a-brand-new-title', title: 'A Brand New Title', description: 'new', body: 'With two hands' });
      expectErrors(await call('GET', `/articles/${article.slug}`), 404);
      expect((await call('GET', '/articles/a-brand-new-title')).status).toBe(200);

      expectErrors(await call('PUT', '/articles/a-brand-new-title', { token: other.token, body: { article: { body: 'mine now' } } }), 403);
      expectErrors(await call('PUT', '/articles/a-brand-new-title', { body: { article: { body: 'x' } } }), 401);
      expectErrors(await call('PUT', '/articles/no-such-article', { token: jake.token, body: { article: { body: 'x' } } }), 404);
      expectErrors(await call('PUT', '/articles/a-brand-new-title', { token: jake.token, body: { article: { title: '' } } }), 422);
      expectErrors(await call('PUT', '/articles/a-brand-new-title', { token: jake.token, body: {} }), 422);
      expect((await call('GET', '/articles/a-brand-new-title')).body.article.body).toBe('With two hands');
    });

    test('DELETE /articles/:slug: 204 with no body for the author (its comments go too); 403, 404, 401 otherwise', async () => {
      const jake = await register('author');
      const other = await register();
      const article = await createArticle(jake, { tagList: ['deleted-tag'] });
      await call('POST', `/articles/${article.slug}/comments`, { token: other.token, body: { comment: { body: 'hi' } } });
      await call('POST', `/articles/${article.slug}/favorite`, { token: other.token });
      expectErrors(await call('DELETE', `/articles/${article.slug}`, { token: other.token }), 403);
      expectErrors(await call('DELETE', `/articles/${article.slug}`), 401);
      expectErrors(await call('DELETE', '/articles/no-such-article', { token: jake.token }), 404);
      const answer = await call('DELETE', `/articles/${article.slug}`, { token: jake.token });
      expect(answer.status).toBe(204);
      expect(answer.body).toBeUndefined();
      expectErrors(await call('GET', `/articles/${article.slug}`), 404);
      expectErrors(await call('GET', `/articles/${article.slug}/comments`), 404);
      expect((await call('GET', '/tags')).body.tags).not.toContain('deleted-tag');
    });

    test('favorite and unfavorite: flags per viewer, counts, idempotence; 401 and 404', async () => {
      const jake = await register('author');
      const ann = await register('fan');
      const bob = await register('fan');
      const article = await createArticle(jake);
      const first = await call('POST', `/articles/${article.slug}/favorite`, { token: ann.token });
      expect(first.status).toBe(200);
      expect(first.body.article).toMatchObject({ slug: article.slug, favorited: true, favoritesCount: 1, body: article.body });
      expect((await call('POST', `/articles/${article.slug}/favorite`, { token: ann.token })).body.article.favoritesCount).toBe(1);
      expect((await call('POST', `/articles/${article.slug}/favorite`, { token: bob.token })).body.article).toMatchObject({ favorited: true, favoritesCount: 2 });
      expect((await call('GET', `/articles/${article.slug}`, { token: jake.token })).body.article).toMatchObject({ favorited: false, favoritesCount: 2 });
      expect((await call('GET', `/articles/${article.slug}`)).body.article).toMatchObject({ favorited: false, favoritesCount: 2 });

      const undone = await call('DELETE', `/articles/${article.slug}/favorite`, { token: ann.token });
      expect(undone.status).toBe(200);
      expect(undone.body.article).toMatchObject({ favorited: false, favoritesCount: 1 });
      expect((await call('DELETE', `/articles/${article.slug}/favorite`, { token: ann.token })).body.article).toMatchObject({ favorited: false, favoritesCount: 1 });
      expect((await call('GET', `/articles/${article.slug}`, { token: bob.token })).body.article.favorited).toBe(true);

      expectErrors(await call('POST', `/articles/${article.slug}/favorite`), 401);
      expectErrors(await call('DELETE', `/articles/${article.slug}/favorite`), 401);
      expectErrors(await call('POST', '/articles/no-such-article/favorite', { token: ann.token }), 404);
      expectErrors(await call('DELETE', '/articles/no-such-article/favorite', { token: ann.token }), 404);
    });
  });

  describe('article lists', () => {
    let writer: Account;
    let other: Account;
    let reader: Account;
    const slugs: string[] = [];
    let otherSlug: string;

    beforeAll(async () => {
      writer = await register('writer');
      other = await register('writer');
      reader = await register('reader');
      // Five articles by `writer` (oldest first), one by `other`, each tagged so that filters can be told apart.
      for (let i = 0; i < 5; i++) slugs.push((await createArticle(writer, { tagList: [`lists-${writer.username}`, i % 2 ? 'odd' : 'even'] })).slug);
      otherSlug = (await createArticle(other, { tagList: [`lists-${writer.username}`] })).slug;
      await call('POST', `/articles/${slugs[1]}/favorite`, { token: reader.token });
      await call('POST', `/articles/${slugs[3]}/favorite`, { token: reader.token });
      await call('POST', `/articles/${otherSlug}/favorite`, { token: writer.token });
      await call('POST', `/profiles/${writer.username}/follow`, { token: reader.token });
    });

    test('GET /articles: most recent first, the total in articlesCount, no body, flags and author per viewer', async () => {
      const answer = await call('GET', `/articles?tag=lists-${writer.username}`, { token: reader.token });
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body).sort()).toEqual(['articles', 'articlesCount']);
      expect(answer.body.articlesCount).toBe(6);
      expect(answer.body.articles.map((a: any) => a.slug)).toEqual([otherSlug, ...[...slugs].reverse()]);
      for (const a of answer.body.articles) {
        expect(a).not.toHaveProperty('body');
        expect(Object.keys(a).sort()).toEqual(['author', 'createdAt', 'description', 'favorited', 'favoritesCount', 'slug', 'tagList', 'title', 'updatedAt']);
        expect(a.createdAt).toMatch(ISO_MS);
        expect(a.updatedAt).toMatch(ISO_MS);
        expect([...a.tagList].sort()).toEqual(a.tagList);
      }
      const bySlug = new Map(answer.body.articles.map((a: any) => [a.slug, a]));
      expect(bySlug.get(slugs[1])).toMatchObject({ favorited: true, favoritesCount: 1, author: { username: writer.username, following: true } });
      expect(bySlug.get(slugs[0])).toMatchObject({ favorited: false, favoritesCount: 0, author: { username: writer.username, following: true } });
      expect(bySlug.get(otherSlug)).toMatchObject({ favorited: false, favoritesCount: 1, author: { username: other.username, following: false } });

      const anonymous = await call('GET', `/articles?tag=lists-${writer.username}`);
      for (const a of anonymous.body.articles) {
        expect(a.favorited).toBe(false);
        expect(a.author.following).toBe(false);
      }
      const asWriter = await call('GET', `/articles?tag=lists-${writer.username}`, { token: writer.token });
      expect(asWriter.body.articles.find((a: any) => a.slug === otherSlug).favorited).toBe(true);
      expect(asWriter.body.articles.find((a: any) => a.slug === slugs[1]).favorited).toBe(false);
    });

    test('limit and offset page through the same order; articlesCount stays the total', async () => {
      const all = (await call('GET', `/articles?tag=lists-${writer.username}`)).body.articles.map((a: any) => a.slug);
      const first = await call('GET', `/articles?tag=lists-${writer.username}&limit=2`);
      expect(first.body.articles.map((a: any) => a.slug)).toEqual(all.slice(0, 2));
      expect(first.body.articlesCount).toBe(6);
      const second = await call('GET', `/articles?tag=lists-${writer.username}&limit=2&offset=2`);
      expect(second.body.articles.map((a: any) => a.slug)).toEqual(all.slice(2, 4));
      const past = await call('GET', `/articles?tag=lists-${writer.username}&offset=10`);
      expect(past.body).toEqual({ articles: [], articlesCount: 6 });
      const tail = await call('GET', `/articles?tag=lists-${writer.username}&offset=5`);
      expect(tail.body.articles.map((a: any) => a.slug)).toEqual(all.slice(5));
    });

    test('the default page is 20 articles', async () => {
      const author = await register('many');
      for (let i = 0; i < 21; i++) await createArticle(author, { tagList: [`many-${author.username}`] });
      const page = await call('GET', `/articles?tag=many-${author.username}`);
      expect(page.body.articles).toHaveLength(20);
      expect(page.body.articlesCount).toBe(21);
    });

    test('filters: tag, author, favorited, and together; unknown names give an empty list', async () => {
      const list = async (query: string) => (await call('GET', `/articles?${query}`)).body;
      expect((await list(`author=${writer.username}`)).articles.map((a: any) => a.slug)).toEqual([...slugs].reverse());
      expect((await list(`favorited=${reader.username}`)).articles.map((a: any) => a.slug)).toEqual([slugs[3], slugs[1]]);
      expect((await list(`favorited=${reader.username}`)).articlesCount).toBe(2);
      expect((await list(`tag=odd&author=${writer.username}`)).articles.map((a: any) => a.slug)).toEqual([slugs[3], slugs[1]]);
      expect((await list(`tag=even&favorited=${reader.username}`)).articlesCount).toBe(0);
      expect((await list(`tag=lists-${writer.username}&author=${other.username}`)).articles.map((a: any) => a.slug)).toEqual([otherSlug]);
      expect(await list('author=nobody-at-all')).toEqual({ articles: [], articlesCount: 0 });
      expect(await list('favorited=nobody-at-all')).toEqual({ articles: [], articlesCount: 0 });
      expect(await list('tag=no-such-tag')).toEqual({ articles: [], articlesCount: 0 });
    });

    test('a bad limit or offset is 422; a bad token is 401', async () => {
      for (const query of ['limit=0', 'limit=-1', 'limit=abc', 'limit=1.5', 'offset=-1', 'offset=x']) {
        expectErrors(await call('GET', `/articles?${query}`), 422);
        expectErrors(await call('GET', `/articles/feed?${query}`, { token: reader.token }), 422);
      }
      expectErrors(await call('GET', '/articles', { token: 'bad' }), 401);
    });

    test('GET /articles/feed: only followed authors, most recent first, paged; 401 without a token', async () => {
      const feed = await call('GET', '/articles/feed', { token: reader.token });
      expect(feed.status).toBe(200);
      expect(feed.body.articlesCount).toBe(5);
      expect(feed.body.articles.map((a: any) => a.slug)).toEqual([...slugs].reverse());
      for (const a of feed.body.articles) expect(a.author).toMatchObject({ username: writer.username, following: true });
      expect((await call('GET', '/articles/feed?limit=2&offset=1', { token: reader.token })).body.articles.map((a: any) => a.slug)).toEqual([slugs[3], slugs[2]]);
      expect((await call('GET', '/articles/feed', { token: other.token })).body).toEqual({ articles: [], articlesCount: 0 });
      expectErrors(await call('GET', '/articles/feed'), 401);
    });
  });

  describe('comments', () => {
    test('add, list (newest first, following per viewer) and delete comments', async () => {
      const jake = await register('author');
      const ann = await register('commenter');
      const article = await createArticle(jake);
      const added = await call('POST', `/articles/${article.slug}/comments`, { token: ann.token, body: { comment: { body: 'Thank you so much!' } } });
      expect(added.status).toBe(200);
      expect(added.body).toEqual({
        comment: {
          id: expect.any(Number),
          body: 'Thank you so much!',
          createdAt: expect.stringMatching(ISO_MS),
          updatedAt: expect.stringMatching(ISO_MS),
          author: { username: ann.username, bio: '', image: '', following: false },
        },
      });
      const second = await call('POST', `/articles/${article.slug}/comments`, { token: jake.token, body: { comment: { body: 'You are welcome' } } });
      await call('POST', `/profiles/${ann.username}/follow`, { token: jake.token });

      const list = await call('GET', `/articles/${article.slug}/comments`, { token: jake.token });
      expect(list.status).toBe(200);
      expect(list.body.comments.map((c: any) => c.id)).toEqual([second.body.comment.id, added.body.comment.id]);
      expect(list.body.comments[1].author).toEqual({ username: ann.username, bio: '', image: '', following: true });
      const anonymous = await call('GET', `/articles/${article.slug}/comments`);
      expect(anonymous.body.comments.map((c: any) => c.author.following)).toEqual([false, false]);

      expectErrors(await call('DELETE', `/articles/${article.slug}/comments/${added.body.comment.id}`, { token: jake.token }), 403);
      expectErrors(await call('DELETE', `/articles/${article.slug}/comments/${added.body.comment.id}`), 401);
      const removed = await call('DELETE', `/articles/${article.slug}/comments/${added.body.comment.id}`, { token: ann.token });
      expect(removed.status).toBe(204);
      expect(removed.body).toBeUndefined();
      expect((await call('GET', `/articles/${article.slug}/comments`)).body.comments.map((c: any) => c.id)).toEqual([second.body.comment.id]);
      expectErrors(await call('DELETE', `/articles/${article.slug}/comments/${added.body.comment.id}`, { token: ann.token }), 404);
    });

    test('comment errors: 401, 404 for an unknown article or a comment of another article, 422 for a bad body or id', async () => {
      const jake = await register('author');
      const a = await createArticle(jake);
      const b = await createArticle(jake);
      const onB = (await call('POST', `/articles/${b.slug}/comments`, { token: jake.token, body: { comment: { body: 'on b' } } })).body.comment;
      expectErrors(await call('POST', `/articles/${a.slug}/comments`, { body: { comment: { body: 'x' } } }), 401);
      expectErrors(await call('POST', '/articles/no-such-article/comments', { token: jake.token, body: { comment: { body: 'x' } } }), 404);
      expectErrors(await call('GET', '/articles/no-such-article/comments'), 404);
      expectErrors(await call('POST', `/articles/${a.slug}/comments`, { token: jake.token, body: { comment: { body: '' } } }), 422);
      expectErrors(await call('POST', `/articles/${a.slug}/comments`, { token: jake.token, body: { body: 'x' } }), 422);
      expectErrors(await call('DELETE', `/articles/${a.slug}/comments/${onB.id}`, { token: jake.token }), 404);
      expectErrors(await call('DELETE', `/articles/${a.slug}/comments/abc`, { token: jake.token }), 422);
      expectErrors(await call('DELETE', `/articles/${a.slug}/comments/99999999999`, { token: jake.token }), 404);
      expectErrors(await call('GET', `/articles/${a.slug}/comments`, { token: 'bad' }), 401);
    });
  });

  describe('tags and the rest', () => {
    test('GET /tags: every tag in use, sorted, once', async () => {
      const jake = await register('author');
      await createArticle(jake, { tagList: ['zeta-tag', 'alpha-tag'] });
      await createArticle(jake, { tagList: ['alpha-tag'] });
      const answer = await call('GET', '/tags');
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body)).toEqual(['tags']);
      const tags: string[] = answer.body.tags;
      expect([...tags].sort()).toEqual(tags);
      expect(new Set(tags).size).toBe(tags.length);
      expect(tags).toEqual(expect.arrayContaining(['alpha-tag', 'zeta-tag']));
    });

    test('the schema is the committed migrations\' (run at start), and it is exactly what the entities describe', async () => {
      const status = await server.orm.migrator.status();
      expect(status.executed.map((m) => m.name)).toEqual(['Migration20261203000000_conduit']);
      expect(status.pending).toEqual([]);
      expect(await server.orm.migrator.check()).toEqual([]);
    });

    test('an unknown route is a 404 in the error format; responses are JSON', async () => {
      expectErrors(await call('GET', '/no-such-route'), 404);
      const tags = await call('GET', '/tags');
      expect(tags.contentType).toMatch(/^application\/json/);
    });
  });
});

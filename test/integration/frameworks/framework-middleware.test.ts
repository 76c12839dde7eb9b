import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import * as expressExample from '../../../docs/examples/express-app';
import * as fastifyExample from '../../../docs/examples/fastify-app';
import * as koaExample from '../../../docs/examples/koa-app';
import { Orm, type QueryEvent } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { Gate, call } from '../nestjs/nest-app';

/**
 * `orm.middleware()` without Nest: the examples of docs/frameworks.md, run as they are over HTTP, plus one route
 * each that holds a request between its load and its flush, to interleave two requests.
 */
type Note = expressExample.Note;
const Note = expressExample.Note;

/** Loads a note, renames it, waits for the test's gate, and flushes or not. */
async function rename(orm: Orm, id: number, name: string, hold: Gate | undefined, flush: boolean): Promise<{ before: string }> {
  // Each example declares its own Note class: take the one this Orm knows.
  const note = (await orm.em.findOne(orm.metadata.all[0].class as typeof Note, { id })) as Note;
  const before = note.text;
  note.text = name;
  if (hold) await hold.opened;
  if (flush) await orm.em.flush();
  return { before };
}

interface Body {
  text: string;
  hold?: boolean;
  flush: boolean;
}

const frameworks = {
  async express(orm: Orm, held: Gate[]) {
    const app = expressExample.createApp(orm);
    app.post('/rename/:id', async (req, res) => {
      const body = req.body as Body;
      res.json(await rename(orm, Number(req.params.id), body.text, body.hold ? held[held.push(new Gate()) - 1] : undefined, body.flush));
    });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return { url: urlOf(server), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  },
  async fastify(orm: Orm, held: Gate[]) {
    const app = fastifyExample.createApp(orm);
    app.post<{ Params: { id: string }; Body: Body }>('/rename/:id', (request) =>
      rename(orm, Number(request.params.id), request.body.text, request.body.hold ? held[held.push(new Gate()) - 1] : undefined, request.body.flush),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: urlOf(app.server), close: () => app.close() };
  },
  async koa(orm: Orm, held: Gate[]) {
    const app = koaExample.createApp(orm);
    app.use(async (ctx) => {
      let text = '';
      for await (const chunk of ctx.req) text += chunk;
      const body = JSON.parse(text) as Body;
      ctx.body = await rename(orm, Number(ctx.path.split('/')[2]), body.text, body.hold ? held[held.push(new Gate()) - 1] : undefined, body.flush);
    });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return { url: urlOf(server), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  },
};

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('docs/frameworks.md shows each example file as it is', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/frameworks.md'), 'utf8');
  for (const name of ['express-app.ts', 'fastify-app.ts', 'koa-app.ts']) {
    expect(doc).toContain(readFileSync(join(__dirname, '../../../docs/examples', name), 'utf8').trim());
  }
});

describeEachDialect([Note], (fx) => {
  describe.each(Object.keys(frameworks) as (keyof typeof frameworks)[])('%s', (framework) => {
    let orm: Orm;
    let app: { url: string; close: () => Promise<void> };
    const held: Gate[] = [];
    const queries: QueryEvent[] = [];

    beforeAll(async () => {
      // The examples' own Note (one per file, the same table).
      const entity = { express: expressExample.Note, fastify: fastifyExample.Note, koa: koaExample.Note }[framework];
      orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [entity], pool: { min: 0, max: 4 } });
      orm.on('query', (q) => queries.push(q));
      app = await frameworks[framework](orm, held);
    });
    afterAll(async () => {
      await app?.close();
      // Fastify's example closes the Orm with the server.
      if (framework !== 'fastify') await orm?.close();
    });
    beforeEach(() => {
      queries.length = 0;
      held.length = 0;
    });

    test('the example writes and reads through orm.em and its repository inside each request', async () => {
      const created = await call<{ id: number; text: string }>(app.url, 'POST', '/notes', { text: 'hello' });
      expect(created).toEqual({ status: 201, body: { id: expect.any(Number), text: 'hello' } });
      expect(await fx.raw.rows('notes')).toEqual([{ id: created.body.id, text: 'hello' }]);
      expect(await call(app.url, 'GET', `/notes/${created.body.id}`)).toEqual({ status: 200, body: { id: created.body.id, text: 'hello' } });
      expect((await call(app.url, 'GET', '/notes/999')).status).toBe(404);
    });

    test('a change made in one request is neither seen nor flushed by a concurrent one', async () => {
      const ids: number[] = [];
      for (const text of ['one', 'two']) ids.push((await call<{ id: number }>(app.url, 'POST', '/notes', { text })).body.id);
      queries.length = 0;
      // The first request renames note one and waits, unflushed, while the second loads both notes and flushes.
      const first = call(app.url, 'POST', `/rename/${ids[0]}`, { text: 'one (first)', hold: true, flush: false });
      while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
      const second = await call(app.url, 'POST', `/rename/${ids[1]}`, { text: 'two (second)', flush: true });
      const seen = await call<{ text: string }>(app.url, 'GET', `/notes/${ids[0]}`);
      held[0].open();
      expect((await first).body).toEqual({ before: 'one' });
      expect(second.body).toEqual({ before: 'two' });
      expect(seen.body.text).toBe('one');
      expect((await fx.raw.rows('notes')).map((r) => r.text)).toEqual(['one', 'two (second)']);
      expect(queries.filter((q) => q.sql.toLowerCase().startsWith('update'))).toHaveLength(1);
    });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appModule, Note, NoteRepository } from '../../../docs/examples/nestjs-app';
import { EntityManager, Orm } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { NEST_ADAPTERS, startNest, type RunningApp } from './nest-app';

test('docs/nestjs.md shows the example file as it is', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/nestjs.md'), 'utf8');
  expect(doc).toContain(readFileSync(join(__dirname, '../../../docs/examples/nestjs-app.ts'), 'utf8').trim());
});

describeEachDialect([Note], (fx) => {
  describe.each(NEST_ADAPTERS)('the example of docs/nestjs.md on the %s adapter', (adapter) => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await startNest(appModule({ dialect: fx.dialect, url: fx.url }), adapter);
    });
    afterAll(() => running?.app.close());

    test('writes notes, likes them in a transaction (all or nothing), answers its health check', async () => {
      const a = await running.call<{ id: number }>('POST', '/notes', { text: 'a' });
      const b = await running.call<{ id: number }>('POST', '/notes', { text: 'b' });
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(await running.call('POST', '/likes', { ids: [a.body.id, b.body.id] })).toEqual({
        status: 201,
        body: [
          { id: a.body.id, text: 'a', likes: 1 },
          { id: b.body.id, text: 'b', likes: 1 },
        ],
      });
      // The second id is unknown: NotFoundException from the repository after the first note was liked, and the
      // transaction rolls back.
      expect((await running.call('POST', '/likes', { ids: [a.body.id, 999] })).status).toBe(404);
      expect((await fx.raw.rows('notes')).map((r) => [r.text, Number(r.likes)])).toEqual([
        ['a', 1],
        ['b', 1],
      ]);
      expect(await running.call('GET', '/health')).toEqual({ status: 200, body: { database: { status: 'up' } } });
      expect(running.app.get(Orm).em.getRepository(Note)).toBeInstanceOf(NoteRepository);
      expect(running.app.get(EntityManager)).toBe(running.app.get(Orm).em);
    });
  });
});

import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describeEachDialect } from '../support/dialect-fixture';
import { Author } from '../support/entities';
import { metricsServer } from './observability.example';

/** The /metrics server of docs/observability.md, run as written on every dialect and scraped over HTTP. */
describeEachDialect(
  [Author],
  (fx) => {
    test('the page shows the example verbatim', () => {
      const page = readFileSync(join(__dirname, '../../docs/observability.md'), 'utf8');
      const source = readFileSync(join(__dirname, 'observability.example.ts'), 'utf8');
      expect(page).toContain(source.trim());
    });

    test('GET /metrics answers with the exposition text; other paths are 404', async () => {
      const server = metricsServer(fx.orm).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const em = fx.orm.em.fork();
        em.create(Author, { name: 'Ada', email: 'ada@x.io' });
        await em.flush();
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

        const scrape = await fetch(`${base}/metrics`);
        expect(scrape.status).toBe(200);
        expect(scrape.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
        const body = await scrape.text();
        expect(body).toContain('# TYPE tessera_statements_total counter\n');
        expect(body).toMatch(/^tessera_statements_total\{kind="insert",table="authors"\} [1-9]\d*$/m);
        expect(body).toMatch(/^tessera_flush_entities_count [1-9]\d*$/m);
        expect((await fetch(`${base}/other`)).status).toBe(404);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  },
  { metrics: true },
);

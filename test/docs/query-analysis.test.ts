import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ref } from '../../src';
import { describeEachDialect } from '../support/dialect-fixture';
import { analyzeExample, Customer, nPlusOneExample, Order } from './query-analysis.example';

const logged: string[] = [];

/** The examples of docs/observability.md (N+1 detection, db:analyze), run as written on every dialect. */
describeEachDialect(
  [Customer, Order],
  (fx) => {
    beforeEach(() => {
      logged.length = 0;
    });

    test('the page shows the examples verbatim', () => {
      const page = readFileSync(join(__dirname, '../../docs/observability.md'), 'utf8');
      const source = readFileSync(join(__dirname, 'query-analysis.example.ts'), 'utf8');
      expect(page).toContain(source.trim());
    });

    test('the N+1 example warns once, for the lazy loads, naming the relation and the call site', async () => {
      const warnings = await nPlusOneExample(fx.orm);
      expect(warnings).toEqual([expect.stringMatching(/^Order\.customer x11 at test\/docs\/query-analysis\.example\.ts:\d+:\d+$/)]);
      expect(logged).toEqual([expect.stringMatching(/^\[tessera\] N\+1: Order\.customer was loaded one Order at a time, 11 times in one request context \(threshold 10\)/)]);
    });

    test('the analyze example flags the scan by reference, not the lookup by key', async () => {
      const em = fx.orm.em.fork();
      for (let i = 1; i <= 12; i++) em.create(Order, { reference: `O-${i}`, customer: ref(em.create(Customer, { name: `C${i}` })) });
      await em.flush();
      const detail = { sqlite: 'SCAN shop_orders', postgres: 'Seq Scan on shop_orders', mariadb: 'type=ALL' }[fx.dialect];
      expect(await analyzeExample(fx.orm)).toEqual([
        `shop_orders: reads shop_orders (10 rows or more) whole (${detail}): index the columns it filters or joins shop_orders on.`,
      ]);
    });
  },
  { detectNPlusOne: { threshold: 10, logger: (line) => logged.push(line) } },
);

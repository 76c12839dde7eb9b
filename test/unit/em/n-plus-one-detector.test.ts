import { setImmediate as nextTurn } from 'node:timers/promises';
import { NPlusOneDetector, type NPlusOneWarning } from '../../../src/em/n-plus-one-detector';
import { CompiledQuery } from '../../../src/query/compiler/compiled-query';

const READ = CompiledQuery.create('select * from author where id = ?', [1]);

/** A detector at threshold 2 whose request scope is `scope.current`, with what it reported. */
function detector(scope: { current?: object } = {}) {
  const lines: string[] = [];
  const found = NPlusOneDetector.create({ threshold: 2, logger: (l) => lines.push(l) }, () => scope.current) as NPlusOneDetector;
  const warnings: NPlusOneWarning[] = [];
  found.on((w) => warnings.push(w));
  return { detector: found, warnings, lines };
}

describe('NPlusOneDetector', () => {
  test('off unless asked for, and off under NODE_ENV=production', () => {
    expect(NPlusOneDetector.create(undefined, () => undefined)).toBeUndefined();
    expect(NPlusOneDetector.create(false, () => undefined)).toBeUndefined();
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(NPlusOneDetector.create(true, () => undefined)).toBeUndefined();
    } finally {
      process.env.NODE_ENV = env;
    }
    expect(NPlusOneDetector.create(true, () => undefined)).toBeInstanceOf(NPlusOneDetector);
  });

  test('outside a request context, reads sent in one tick count together; the next tick starts again', async () => {
    const { detector: d, warnings, lines } = detector();
    d.observe(READ);
    d.observe(READ);
    await nextTurn();
    d.observe(READ);
    d.observe(READ);
    expect(warnings).toEqual([]);
    d.observe(READ);
    expect(warnings).toEqual([expect.objectContaining({ sql: READ.sql, count: 3, threshold: 2, scope: 'tick', entity: undefined })]);
    expect(lines).toHaveLength(1);
    expect(warnings[0].callSite).toMatch(/^test\/unit\/em\/n-plus-one-detector\.test\.ts:\d+:\d+$/);
  });

  test('in a request context: once per shape, other shapes counted apart, writes and transaction statements never', () => {
    const scope = { current: {} as object | undefined };
    const { detector: d, warnings } = detector(scope);
    const other = CompiledQuery.create('select * from book where author_id = ?', [1]);
    const insert = CompiledQuery.create('insert into book (title) values (?)', ['x']);
    for (let i = 0; i < 5; i++) [READ, insert, CompiledQuery.create('begin', []), other].forEach((q) => d.observe(q));
    expect(warnings.map((w) => [w.sql, w.count, w.scope])).toEqual([
      [READ.sql, 3, 'request context'],
      [other.sql, 3, 'request context'],
    ]);
    scope.current = {};
    d.observe(READ);
    d.observe(READ);
    expect(warnings).toHaveLength(2);
  });

  test('outside a request context a lazy load counts per identity map, inside one per request', async () => {
    const scope = { current: undefined as object | undefined };
    const { detector: d, warnings } = detector(scope);
    const [first, second] = [{}, {}];
    for (const session of [first, second, first, second]) d.observe(CompiledQuery.withOrigin(READ, { scope: session }));
    await nextTurn();
    expect(warnings).toEqual([]);
    d.observe(CompiledQuery.withOrigin(READ, { scope: first }));
    expect(warnings.map((w) => [w.scope, w.count])).toEqual([['EntityManager', 3]]);
    scope.current = {};
    for (const session of [first, second, first]) d.observe(CompiledQuery.withOrigin(READ, { scope: session }));
    expect(warnings.map((w) => [w.scope, w.count])).toEqual([
      ['EntityManager', 3],
      ['request context', 3],
    ]);
  });

  test("the chunks of one select-in count once; a lazy load's origin names the relation and the site it was asked at", () => {
    const { detector: d, warnings, lines } = detector({ current: {} });
    const batch = { batch: {} };
    for (let i = 0; i < 5; i++) d.observe(CompiledQuery.withOrigin(READ, batch));
    expect(warnings).toEqual([]);
    const site = new Error('lazy load');
    for (let i = 0; i < 3; i++) d.observe(CompiledQuery.withOrigin(READ, { entity: 'Book', relation: 'author', site }));
    expect(warnings).toEqual([expect.objectContaining({ entity: 'Book', relation: 'author', count: 3 })]);
    expect(lines[0]).toMatch(
      /^\[tessera\] N\+1: Book\.author was loaded one Book at a time, 3 times in one request context \(threshold 2\), at test\/unit\/em\/n-plus-one-detector\.test\.ts:\d+:\d+\. Load it with the query that found them: populate: \['author'\]/,
    );
  });
});

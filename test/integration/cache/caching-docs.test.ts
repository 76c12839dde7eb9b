import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../docs/examples/caching';

const ROOT = join(__dirname, '../../..');

describe('docs/caching.md', () => {
  test('the example is docs/examples/caching.ts, verbatim', () => {
    const doc = readFileSync(join(ROOT, 'docs/caching.md'), 'utf8');
    const example = readFileSync(join(ROOT, 'docs/examples/caching.ts'), 'utf8');
    expect(doc).toContain('```ts\n' + example + '```');
  });

  test('the example runs and sends the statements its comments say', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { statements, stats } = await main();
      expect(statements).toEqual([1, 0, 1, 0, 3, 2]);
      expect(stats).toEqual({ hits: 5, misses: 4, sets: 4, invalidations: 4, errors: 0 });
      expect(log.mock.calls[0]).toEqual(['République française']);
    } finally {
      log.mockRestore();
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../docs/examples/audit-history';

const ROOT = join(__dirname, '../../..');

describe('docs/audit-and-change-feed.md', () => {
  test('the audit example is docs/examples/audit-history.ts, verbatim', () => {
    const doc = readFileSync(join(ROOT, 'docs/audit-and-change-feed.md'), 'utf8');
    const example = readFileSync(join(ROOT, 'docs/examples/audit-history.ts'), 'utf8');
    expect(doc).toContain('```ts\n' + example + '```');
  });

  test('the audit example runs and prints what its comments say', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const history = await main();
      expect(history.map((h) => [h.operation, h.changes, h.actor])).toEqual([
        ['insert', { email: [null, 'ada@example.com'] }, 'admin:1'],
        ['update', { email: ['ada@example.com', 'ada@lovelace.dev'] }, 'admin:1'],
        ['delete', { email: ['ada@lovelace.dev', null] }, 'job:cleanup'],
      ]);
      expect(log.mock.calls.map((call) => call.slice(0, 3))).toEqual(history.map((h) => [h.operation, h.changes, h.actor]));
    } finally {
      log.mockRestore();
    }
  });
});

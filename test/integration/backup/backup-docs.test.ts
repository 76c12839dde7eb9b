import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { transformSync } from '@swc/core';
import { freshDatabase } from '../../support/fresh-database';

/**
 * The example of docs/backup.md, run as written (SQLite → a file → PostgreSQL), its printed lines checked against
 * the comments beside them.
 */
const ROOT = resolve(__dirname, '../../..');

function example(): string {
  const doc = readFileSync(join(ROOT, 'docs/backup.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## From code'));
  return /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
}

/** The example as a CommonJS module exporting `main()`: its imports stay at the top, its statements go in `main`. */
function compiled(source: string): string {
  const lines = source.split('\n');
  const imports = lines.filter((l) => l.startsWith('import '));
  const body = lines.filter((l) => !l.startsWith('import '));
  const swcrc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8')) as Record<string, unknown>;
  delete swcrc.$schema;
  return transformSync([...imports, 'export async function main() {', ...body, '}'].join('\n'), {
    ...swcrc,
    filename: 'backup-example.ts',
    swcrc: false,
    module: { type: 'commonjs' },
  }).code;
}

test('the example of docs/backup.md runs and prints what its comments say', async () => {
  const source = example();
  expect(source).toContain("await postgres.restore('library.tessera')");
  const dir = mkdtempSync(join(tmpdir(), 'tessera-backup-docs-'));
  const cwd = process.cwd();
  const url = process.env.DATABASE_URL;
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    process.env.DATABASE_URL = await freshDatabase('postgres', 'bk_docs', '');
    process.chdir(dir);
    const module = { exports: {} as { main?: () => Promise<void> } };
    new Function('require', 'module', 'exports', compiled(source))(require, module, module.exports);
    await module.exports.main?.();
    expect(log.mock.calls).toEqual([[['author: 1 rows', 'book: 1 rows']], ['sqlite', 2], ['Ann', '2024-05-01T12:00:00.250Z']]);
  } finally {
    log.mockRestore();
    process.chdir(cwd);
    process.env.DATABASE_URL = url;
    rmSync(dir, { recursive: true, force: true });
  }
});

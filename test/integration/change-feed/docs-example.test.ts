import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** The ts block after `<!-- example: <name> ... -->` in a doc, and the output its trailing comments promise. */
function example(doc: string, name: string): { code: string; expected: string } {
  const text = readFileSync(join(root, 'docs', doc), 'utf8');
  const at = text.indexOf(`<!-- example: ${name}`);
  const start = text.indexOf('```ts\n', at) + '```ts\n'.length;
  const code = text.slice(start, text.indexOf('```', start));
  const expected = code
    .split('\n')
    .filter((line) => line.startsWith('// '))
    .map((line) => line.slice(3))
    .join('\n');
  return { code, expected };
}

it('runs the change-feed example of docs/audit-and-change-feed.md and prints what it says', () => {
  const { code, expected } = example('audit-and-change-feed.md', 'change-feed');
  // The example imports the package by name; here it is the source tree.
  const runnable = code.replace(`'tessera-orm'`, JSON.stringify(join(root, 'src'))).replace(`'reflect-metadata'`, JSON.stringify(require.resolve('reflect-metadata')));
  const file = join(tmpdir(), `tessera-docs-change-feed-${process.pid}.ts`);
  writeFileSync(file, runnable);
  try {
    const out = execFileSync(process.execPath, ['-r', join(root, 'scripts/register.js'), file], { encoding: 'utf8' });
    expect(expected).toContain('update 1');
    expect(out.trim()).toBe(expected);
  } finally {
    rmSync(file, { force: true });
  }
});

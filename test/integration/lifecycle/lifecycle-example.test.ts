import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntry, lifecycleExample, User } from '../../../demo/lifecycle';
import { describeEachDialect } from '../../support/dialect-fixture';

const ROOT = join(__dirname, '../../..');

test('docs/lifecycle.md shows demo/lifecycle.ts as it is', () => {
  const doc = readFileSync(join(ROOT, 'docs/lifecycle.md'), 'utf8');
  expect(doc).toContain('```ts\n' + readFileSync(join(ROOT, 'demo/lifecycle.ts'), 'utf8') + '```');
});

describeEachDialect([User, AuditEntry], (fx) => {
  test('the lifecycle example prints what docs/lifecycle.md says', async () => {
    expect(await lifecycleExample(fx.orm)).toEqual([
      'committed: lc_users',
      'created ada@example.com',
      'refused User.name: isLength',
      'committed: lc_audit, lc_users',
      'loaded AK',
    ]);
    expect((await fx.raw.rows('lc_audit')).map((r) => r.text)).toEqual(['user 1 changed']);
  });
});

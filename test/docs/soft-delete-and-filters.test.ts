import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDialect } from '../support/dialect-fixture';
import { Document, example } from './soft-delete-and-filters.example';

/** The example of docs/soft-delete-and-filters.md, run as written on every dialect. */
describeEachDialect([Document], (fx) => {
  test('the page shows the example verbatim', () => {
    const page = readFileSync(join(__dirname, '../../docs/soft-delete-and-filters.md'), 'utf8');
    const source = readFileSync(join(__dirname, 'soft-delete-and-filters.example.ts'), 'utf8');
    expect(page).toContain(source.trim());
  });

  test('the example does what its comments say', async () => {
    const result = await example(fx.orm);
    expect(result).toEqual({ mine: ['Draft', 'Plan'], deletedAt: expect.any(Date), live: 1, withDeleted: 2, everyTenant: 2, nothingFiltered: 3 });
    expect(fx.sent('update')).toHaveLength(1);
    expect(fx.sent('delete')).toHaveLength(0);
  });
});

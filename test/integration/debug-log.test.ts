import { Orm } from '../../src';
import { Author } from '../support/entities';
import { ensureTestDatabase } from '../support/server-admin';
import { selectedDialects, testUrl } from '../support/test-databases';

describe.each(selectedDialects())('debug option on %s', (dialect) => {
  async function run(debug: { params?: boolean }): Promise<string[]> {
    if (dialect !== 'sqlite') await ensureTestDatabase(dialect);
    const lines: string[] = [];
    const orm = await Orm.init({ dialect, url: testUrl(dialect), entities: [Author], debug: { ...debug, logger: (l) => lines.push(l) } });
    await orm.schema.drop();
    await orm.schema.create();
    const em = orm.em.fork();
    em.create(Author, { name: 'Ada', email: 'secret@example.com' });
    await em.flush();
    await orm.close();
    return lines;
  }

  test('prints every statement with its time, values redacted by default', async () => {
    const lines = await run({});
    const insert = lines.find((l) => l.includes('insert into'));
    expect(insert).toMatch(/^\[tessera\] \d+\.\d\d ms insert into .authors. .* \[\d+ values\]$/);
    expect(lines.join('\n')).not.toContain('secret@example.com');
    expect(lines.some((l) => l.includes('commit'))).toBe(true);
  });

  test('prints the values when asked', async () => {
    const lines = await run({ params: true });
    expect(lines.find((l) => l.includes('insert into'))).toContain('"secret@example.com"');
  });
});

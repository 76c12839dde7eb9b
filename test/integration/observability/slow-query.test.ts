import { Orm, UsageError, ValidationError, type SlowQueryEvent } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { Author } from '../../support/entities';

const THRESHOLD_MS = 200;
const logged: string[] = [];

/**
 * A statement that really takes 400 ms or more, with a value that must not reach the log: the server sleeps on
 * PostgreSQL and MariaDB; on SQLite an UPDATE waits for the write lock another connection holds for 400 ms.
 */
async function slowStatement(fx: Fixture): Promise<void> {
  const em = fx.orm.em.fork();
  if (fx.dialect === 'postgres') await em.sql`select pg_sleep(${0.4}), ${'secret-value'}::text as v`;
  else if (fx.dialect === 'mariadb') await em.sql`select sleep(${0.4}), ${'secret-value'} as v`;
  else {
    await fx.raw.exec('begin immediate');
    const release = setTimeout(() => void fx.raw.exec('commit'), 400);
    try {
      await em.sql`update authors set name = ${'secret-value'} where id = ${1}`;
    } finally {
      clearTimeout(release);
    }
  }
}

describeEachDialect(
  [Author],
  (fx) => {
    beforeEach(() => {
      logged.length = 0;
    });

    test('a statement over slowQueryMs raises slow-query (values included) and logs one line (values redacted)', async () => {
      const heard: SlowQueryEvent[] = [];
      const off = fx.orm.on('slow-query', (event) => heard.push(event));
      try {
        await slowStatement(fx);
      } finally {
        off();
      }

      const slow = heard.filter((e) => e.sql.includes(fx.dialect === 'sqlite' ? 'update authors' : 'sleep('));
      expect(slow).toHaveLength(1);
      expect(slow[0]).toMatchObject({ thresholdMs: THRESHOLD_MS, dialect: fx.orm.dialect.name, kind: 'other' });
      expect(slow[0].params).toContain('secret-value');
      expect(slow[0].durationMs).toBeGreaterThanOrEqual(THRESHOLD_MS);
      expect(heard.every((e) => e.durationMs >= THRESHOLD_MS)).toBe(true);

      const lines = logged.filter((l) => l.includes('slow query'));
      expect(lines).toHaveLength(heard.length);
      const line = lines.find((l) => l.includes(slow[0].sql))!;
      expect(line).toBe(`[tessera] slow query (${slow[0].durationMs.toFixed(2)} ms, over ${THRESHOLD_MS} ms): ${slow[0].sql} [2 values]`);
      expect(logged.join('\n')).not.toContain('secret-value');
    });
  },
  { slowQueryMs: THRESHOLD_MS, debug: { logger: (line) => logged.push(line) } },
);

describe('slow-query options', () => {
  test('without a debug logger the line goes to console.warn; an unsubscribed listener hears nothing more', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    // A threshold of 0 makes every statement slow.
    const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Author], slowQueryMs: 0 });
    try {
      const heard: string[] = [];
      const off = orm.on('slow-query', (e) => heard.push(e.sql));
      await orm.em.fork().sql`select ${'secret-value'} as v`;
      off();
      await orm.em.fork().sql`select 2 as two`;
      expect(heard).toEqual(['select ? as v']);
      expect(warn.mock.calls.map(([line]) => String(line).replace(/\(\d+\.\d\d ms/, '(x ms'))).toEqual([
        '[tessera] slow query (x ms, over 0 ms): select ? as v [1 values]',
        '[tessera] slow query (x ms, over 0 ms): select 2 as two [0 values]',
      ]);
    } finally {
      warn.mockRestore();
      await orm.close();
    }
  });

  test("orm.on('slow-query') without slowQueryMs is a UsageError saying which option to set", async () => {
    const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Author] });
    try {
      expect(() => orm.on('slow-query', () => undefined)).toThrow(UsageError);
      expect(() => orm.on('slow-query', () => undefined)).toThrow("orm.on('slow-query') needs a threshold: pass the Orm option slowQueryMs (e.g. slowQueryMs: 200).");
    } finally {
      await orm.close();
    }
  });

  test.each([-1, Number.NaN, '200'])('slowQueryMs %p is a ValidationError before anything connects', async (slowQueryMs) => {
    const init = Orm.init({ dialect: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none', entities: [Author], slowQueryMs: slowQueryMs as number });
    await expect(init).rejects.toThrow(ValidationError);
    await expect(init).rejects.toThrow(`slowQueryMs must be a number of milliseconds, 0 or more, got ${String(slowQueryMs)}.`);
  });
});

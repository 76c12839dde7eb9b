import type { Fixture } from './dialect-fixture';
import { Author } from './entities';

/** Resolves once `release()` is called: lets a test hold a transaction open at a point it chooses. */
export function gate(): { opened: Promise<void>; release(): void } {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
}

/** How many of this test database's sessions are waiting on a row lock right now. */
export async function blockedSessions(fx: Fixture): Promise<number> {
  const em = fx.orm.em.fork();
  const rows =
    fx.dialect === 'postgres'
      ? await em.sql<{ n: number }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = ${'Lock'}`
      : await em.sql<{ n: number }>`select count(*) as n from information_schema.innodb_trx t
          join information_schema.processlist p on p.id = t.trx_mysql_thread_id
          where p.db = database() and t.trx_state = ${'LOCK WAIT'}`;
  return Number(rows[0].n);
}

export async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not reached in 5 s');
}

/** The rows the lock suites lock: three authors, flushed; their ids in order. The statements log starts empty after. */
export async function seedLockedAuthors(fx: Fixture): Promise<number[]> {
  const em = fx.orm.em.fork();
  const authors = ['Ada', 'Bob', 'Cy'].map((name, i) => em.create(Author, { name, email: `${name}@x.io`, age: 30 + i }));
  await em.flush();
  fx.queries.length = 0;
  return authors.map((a) => a.id);
}

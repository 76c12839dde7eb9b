import { LockWaitTimeoutError, QueryError, UsageError, type EntityManager } from '../../../src';
import { Author } from '../../support/entities';
import { describeEachDialect } from '../../support/dialect-fixture';
import { blockedSessions, gate, seedLockedAuthors, until } from '../../support/lock-waits';

describeEachDialect([Author], (fx) => {
  let ids: number[];
  beforeEach(async () => {
    ids = await seedLockedAuthors(fx);
  });

  test('forUpdate/forShare outside a transaction is a UsageError, nowait with skipLocked a QueryError, before any SQL', async () => {
    const em = fx.orm.em.fork();
    expect(() => em.qb(Author).forUpdate()).toThrow(UsageError);
    expect(() => em.qb(Author).forShare({ nowait: true })).toThrow(UsageError);
    await em.transactional(async (tx) => {
      expect(() => tx.qb(Author).forUpdate({ nowait: true, skipLocked: true })).toThrow(QueryError);
    });
    expect(fx.sent('select')).toHaveLength(0);
  });

  test('a locked getResult refreshes a managed entity but keeps its unflushed changes; aggregates drop the lock', async () => {
    const em = fx.orm.em.fork();
    const ada = await em.findOneOrFail(Author, ids[0]);
    ada.name = 'Ada L.';
    await fx.orm.em.fork().qb(Author).update({ age: 40 }).where({ id: ids[0] }).execute();
    await em.transactional(async (tx) => {
      const [locked] = await tx.qb(Author).where({ id: ids[0] }).forUpdate().getResult();
      expect([locked.name, locked.age]).toEqual(['Ada L.', 40]);
      locked.age = locked.age! + 1;
      expect(await tx.qb(Author).where({ age: { $gte: 31 } }).forUpdate().count()).toBe(3);
    });
    const [row] = (await fx.raw.rows('authors')).filter((r) => Number(r.id) === ids[0]);
    expect([row.name, row.age]).toEqual(['Ada L.', 41]);
    expect(fx.sent('select').filter((q) => /count\(\*\)/.test(q.sql)).every((q) => !/for update/.test(q.sql))).toBe(true);
  });

  if (fx.dialect === 'sqlite') {
    test('sqlite: forUpdate inside a transaction is accepted and written as nothing (begin immediate holds the write lock)', async () => {
      const names = await fx.orm.em.fork().transactional(async (tx) => (await tx.qb(Author).where({ id: ids[0] }).forUpdate({ nowait: true }).getResult()).map((a) => a.name));
      expect(names).toEqual(['Ada']);
      expect(fx.sent('select')[0].sql).not.toMatch(/for update|share|nowait/i);
    });
    return;
  }

  /** Holds a builder's `for update` on Ada in one transaction until the returned release() is called. */
  async function holdAda(): Promise<{ release(): void; done: Promise<void> }> {
    const locked = gate();
    const hold = gate();
    const done = fx.orm.em.fork().transactional(async (tx: EntityManager) => {
      await tx.qb(Author).where({ id: ids[0] }).forUpdate().getResult();
      locked.release();
      await hold.opened;
    });
    await locked.opened;
    return { release: hold.release, done };
  }

  test('nowait on a row another connection locked is a LockWaitTimeoutError; skipLocked leaves the row out', async () => {
    const holder = await holdAda();
    try {
      const attempt = fx.orm.em.fork().transactional((tx) => tx.qb(Author).where({ id: ids[0] }).forUpdate({ nowait: true }).getResult());
      await expect(attempt).rejects.toThrow(LockWaitTimeoutError);
      const shared = fx.orm.em.fork().transactional((tx) => tx.qb(Author, 'a').select('a.name').forShare({ nowait: true }).execute());
      await expect(shared).rejects.toThrow(LockWaitTimeoutError);
      const free = await fx.orm.em.fork().transactional(async (tx) =>
        (await tx.qb(Author, 'a').orderBy({ 'a.name': 'asc' }).forUpdate({ skipLocked: true }).getResult()).map((a) => a.name),
      );
      expect(free).toEqual(['Bob', 'Cy']);
    } finally {
      holder.release();
      await holder.done;
    }
    expect(fx.sent('select').some((q) => / for update nowait$/.test(q.sql))).toBe(true);
  });

  test('by default a second forUpdate waits until the holder commits', async () => {
    const holder = await holdAda();
    let settled = false;
    const waiter = fx.orm.em
      .fork()
      .transactional((tx) => tx.qb(Author).where({ id: ids[0] }).forUpdate().getResult())
      .finally(() => (settled = true));
    await until(async () => (await blockedSessions(fx)) === 1);
    expect(settled).toBe(false);
    holder.release();
    await holder.done;
    expect((await waiter).map((a) => a.name)).toEqual(['Ada']);
  });
});

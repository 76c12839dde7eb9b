import { LockWaitTimeoutError, QueryError, UsageError, type EntityManager } from '../../src';
import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';
import { blockedSessions, gate, seedLockedAuthors, until } from '../support/lock-waits';

describeEachDialect([Author], (fx) => {
  let ids: number[];
  beforeEach(async () => {
    ids = await seedLockedAuthors(fx);
  });

  test('a lock outside a transaction is a UsageError before any SQL; bad options are QueryErrors', async () => {
    const em = fx.orm.em.fork();
    await expect(em.find(Author, {}, { lockMode: 'pessimistic_write' })).rejects.toThrow(UsageError);
    await expect(em.findOne(Author, ids[0], { lockMode: 'pessimistic_read' })).rejects.toThrow(UsageError);
    expect(fx.queries).toHaveLength(0);
    await em.transactional(async (tx) => {
      await expect(tx.find(Author, {}, { lockMode: 'exclusive' as never })).rejects.toThrow(QueryError);
      await expect(tx.find(Author, {}, { lockWait: 'nowait' })).rejects.toThrow(QueryError);
    });
    expect(fx.sent('select')).toHaveLength(0);
  });

  test('findOne with a lock queries even when the entity is managed', async () => {
    const em = fx.orm.em.fork();
    await em.transactional(async (tx) => {
      const first = await tx.findOne(Author, ids[0]);
      fx.queries.length = 0;
      const again = await tx.findOne(Author, ids[0], { lockMode: 'pessimistic_write' });
      expect(again).toBe(first);
      expect(fx.sent('select')).toHaveLength(1);
    });
  });

  test('a locked read refreshes a managed entity (a stale copy would lose updates) but keeps unflushed changes', async () => {
    const em = fx.orm.em.fork();
    const ada = await em.findOneOrFail(Author, ids[0]);
    ada.name = 'Ada L.';
    await fx.orm.em.fork().transactional(async (other) => {
      const same = await other.findOneOrFail(Author, ids[0]);
      same.age = 40;
      same.email = 'ada@new.io';
    });
    await em.transactional(async (tx) => {
      const locked = await tx.findOneOrFail(Author, ids[0], { lockMode: 'pessimistic_write' });
      expect([locked.name, locked.age, locked.email]).toEqual(['Ada L.', 40, 'ada@new.io']);
      locked.age = locked.age! + 1;
    });
    const [row] = (await fx.raw.rows('authors')).filter((r) => Number(r.id) === ids[0]);
    expect([row.name, row.age, row.email]).toEqual(['Ada L.', 41, 'ada@new.io']);
  });

  if (fx.dialect !== 'sqlite') return;

  test('sqlite: a lock inside a transaction is accepted and written as nothing (begin immediate holds the write lock)', async () => {
    await fx.orm.em.fork().transactional(async (tx) => {
      const found = await tx.find(Author, { id: ids[0] }, { lockMode: 'pessimistic_write', lockWait: 'nowait' });
      expect(found.map((a) => a.name)).toEqual(['Ada']);
    });
    expect(fx.queries[0].sql.toLowerCase()).toBe('begin immediate');
    expect(fx.sent('select')[0].sql).not.toMatch(/for update|share|nowait/i);
  });
});

describeEachDialect(
  [Author],
  (fx) => {
    let ids: number[];
    beforeEach(async () => {
      ids = await seedLockedAuthors(fx);
    });

    /** Holds `for update` on Ada in one transaction until the returned release() is called. */
    async function holdAda(): Promise<{ release(): void; done: Promise<void> }> {
      const locked = gate();
      const hold = gate();
      const done = fx.orm.em.fork().transactional(async (tx: EntityManager) => {
        const [ada] = await tx.find(Author, { id: ids[0] }, { lockMode: 'pessimistic_write' });
        ada.age = 99;
        await tx.flush();
        locked.release();
        await hold.opened;
      });
      await locked.opened;
      return { release: hold.release, done };
    }

    test('sql: for update / for share (MariaDB: lock in share mode), nowait, skip locked', async () => {
      await fx.orm.em.fork().transactional(async (tx) => {
        await tx.find(Author, { id: ids[0] }, { lockMode: 'pessimistic_write', lockWait: 'nowait' });
        await tx.find(Author, { id: ids[0] }, { lockMode: 'pessimistic_read', lockWait: 'skip_locked' });
      });
      const [write, read] = fx.sent('select').map((q) => q.sql);
      expect(write).toMatch(/ for update nowait$/);
      expect(read).toMatch(fx.dialect === 'postgres' ? / for share skip locked$/ : / lock in share mode skip locked$/);
    });

    test('nowait on a locked row is a LockWaitTimeoutError', async () => {
      const holder = await holdAda();
      try {
        const attempt = fx.orm.em.fork().transactional((tx) => tx.find(Author, { id: ids[0] }, { lockMode: 'pessimistic_write', lockWait: 'nowait' }));
        await expect(attempt).rejects.toThrow(LockWaitTimeoutError);
        const read = fx.orm.em.fork().transactional((tx) => tx.findOne(Author, ids[0], { lockMode: 'pessimistic_read', lockWait: 'nowait' }));
        await expect(read).rejects.toThrow(LockWaitTimeoutError);
      } finally {
        holder.release();
        await holder.done;
      }
    });

    test('skip_locked leaves out the locked row', async () => {
      const holder = await holdAda();
      try {
        const names = await fx.orm.em.fork().transactional(async (tx) =>
          (await tx.find(Author, {}, { lockMode: 'pessimistic_write', lockWait: 'skip_locked', orderBy: { name: 'asc' } })).map((a) => a.name),
        );
        expect(names).toEqual(['Bob', 'Cy']);
      } finally {
        holder.release();
        await holder.done;
      }
    });

    test('by default the second locker waits, and reads the row as the first committed it', async () => {
      const holder = await holdAda();
      let settled = false;
      const waiter = fx.orm.em
        .fork()
        .transactional((tx) => tx.findOne(Author, ids[0], { lockMode: 'pessimistic_write' }))
        .finally(() => (settled = true));
      // The server itself says the waiter is blocked on the lock; only then does the holder commit.
      await until(async () => (await blockedSessions(fx)) === 1);
      expect(settled).toBe(false);
      holder.release();
      await holder.done;
      const ada = await waiter;
      expect(ada?.age).toBe(99);
    });
  },
  { dialects: ['postgres', 'mariadb'] },
);

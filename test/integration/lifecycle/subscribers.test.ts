import {
  Column,
  Entity,
  Orm,
  PrimaryKey,
  UniqueConstraintViolationError,
  UsageError,
  type CommitEvent,
  type EventSubscriber,
  type FlushEvent,
  type RollbackEvent,
  type TableWrites,
} from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';

@Entity({ table: 'sub_accounts' })
class Account {
  @PrimaryKey() id!: number;
  @Column({ unique: true }) handle!: string;
  @Column({ type: 'int' }) balance = 0;
}

@Entity({ table: 'sub_entries' })
class Entry {
  @PrimaryKey() id!: number;
  @Column() text!: string;
}

/** A subscriber keeping what it saw; unsubscribed after each test. */
class Recorder implements EventSubscriber {
  readonly names: string[] = [];
  readonly commits: CommitEvent[] = [];
  readonly rollbacks: RollbackEvent[] = [];

  beforeFlush(): void {
    this.names.push('beforeFlush');
  }
  onFlush(event: FlushEvent): void {
    this.names.push(`onFlush ${event.changeSets.map((cs) => `${cs.type} ${cs.meta.name}`).join(', ')}`);
  }
  afterFlush(): void {
    this.names.push('afterFlush');
  }
  afterCommit(event: CommitEvent): void {
    this.names.push('afterCommit');
    this.commits.push(event);
  }
  afterRollback(event: RollbackEvent): void {
    this.names.push('afterRollback');
    this.rollbacks.push(event);
  }
}

const offs: (() => void)[] = [];
afterEach(() => offs.splice(0).forEach((off) => off()));

/** Each table's writes: inserted and deleted keys, updated keys with their columns. */
function summary(tables: readonly TableWrites[]): Record<string, unknown> {
  return Object.fromEntries(
    tables.map((t) => [t.table, { inserted: t.inserted.map(Number), updated: t.updated.map((u) => [Number(u.key), ...u.columns]), deleted: t.deleted.map(Number) }]),
  );
}

describeEachDialect([Account, Entry], (fx) => {
  test('orm.subscribe: every method is called with the subscriber as this; the returned function unsubscribes', async () => {
    const recorder = new Recorder();
    const off = fx.orm.subscribe(recorder);
    const em = fx.orm.em.fork();
    em.create(Account, { handle: 'ada' });
    await em.flush();
    expect(recorder.names).toEqual(['beforeFlush', 'onFlush insert Account', 'afterFlush', 'afterCommit']);
    off();
    em.create(Account, { handle: 'grace' });
    await em.flush();
    expect(recorder.names).toHaveLength(4);
  });

  test('what onFlush adds (a new entity, a change) is written by the same flush, in the same transaction and batches', async () => {
    const seed = fx.orm.em.fork();
    const bank = seed.create(Account, { handle: 'bank', balance: 1000 });
    await seed.flush();
    const em = fx.orm.em.fork();
    const loadedBank = await em.findOneOrFail(Account, bank.id);
    let seen: string[] = [];
    offs.push(
      fx.orm.subscribe({
        onFlush({ session, changeSets }) {
          seen = changeSets.map((cs) => cs.type);
          for (const cs of changeSets) {
            if (cs.type !== 'insert' || !(cs.entity instanceof Account)) continue;
            session.create(Entry, { text: `opened ${cs.entity.handle}` });
            loadedBank.balance -= 10;
          }
        },
      }),
    );
    em.create(Account, { handle: 'a' });
    em.create(Account, { handle: 'b' });
    fx.queries.length = 0;
    await em.flush();
    expect(seen).toEqual(['insert', 'insert']);
    expect(fx.sent('begin')).toHaveLength(1);
    expect(fx.sent('commit')).toHaveLength(1);
    expect(fx.sent('insert')).toHaveLength(2);
    expect(fx.sent('update')).toHaveLength(1);
    expect((await fx.raw.rows('sub_entries')).map((r) => r.text)).toEqual(['opened a', 'opened b']);
    expect((await fx.raw.rows('sub_accounts')).map((r) => Number(r.balance))).toEqual([980, 0, 0]);
  });

  test('afterCommit once per outermost commit, with what it committed: nested transactional and a caught failing inner flush', async () => {
    const seed = fx.orm.em.fork();
    const taken = seed.create(Account, { handle: 'taken' });
    const changed = seed.create(Account, { handle: 'changed' });
    await seed.flush();
    const recorder = new Recorder();
    offs.push(fx.orm.subscribe(recorder));

    let outer!: Account;
    let inner!: Entry;
    let caught: unknown;
    await fx.orm.em.fork().transactional(async (tx) => {
      outer = tx.create(Account, { handle: 'outer' });
      (await tx.findOneOrFail(Account, changed.id)).balance = 5;
      await tx.flush();
      await tx.transactional(async (nested) => {
        inner = nested.create(Entry, { text: 'inner' });
      });
      // A savepoint: its afterCommit waits for the outermost commit.
      expect(recorder.commits).toEqual([]);
      // A nested transactional whose flush fails, caught: its savepoint rolls back.
      caught = await tx
        .transactional(async (nested) => {
          nested.create(Entry, { text: 'undone' });
          nested.create(Account, { handle: 'taken' });
        })
        .catch((e: unknown) => e);
      expect(caught).toBeInstanceOf(UniqueConstraintViolationError);
      // A flush of the transaction's own that fails, caught (its savepoint rolls back), the culprit dropped.
      const undone = tx.create(Entry, { text: 'undone too' });
      const duplicate = tx.create(Account, { handle: 'taken' });
      await expect(tx.flush()).rejects.toThrow(UniqueConstraintViolationError);
      tx.remove([undone, duplicate]);
    });
    expect(recorder.rollbacks).toEqual([]);
    expect(recorder.commits).toHaveLength(1);
    expect(summary(recorder.commits[0].tables)).toEqual({
      sub_accounts: { inserted: [outer.id], updated: [[changed.id, 'balance']], deleted: [] },
      sub_entries: { inserted: [inner.id], updated: [], deleted: [] },
    });
    expect((await fx.raw.rows('sub_entries')).map((r) => r.text)).toEqual(['inner']);
    expect(Number(taken.id)).toBeGreaterThan(0);
  });

  test('a transaction that fails raises afterRollback with what it attempted, never afterCommit', async () => {
    const recorder = new Recorder();
    offs.push(fx.orm.subscribe(recorder));
    const error = await fx.orm.em
      .fork()
      .transactional(async (tx) => {
        tx.create(Entry, { text: 'attempted' });
        await tx.flush();
        throw new Error('no');
      })
      .catch((e: unknown) => e);
    expect(String(error)).toContain('no');
    expect(recorder.commits).toEqual([]);
    expect(recorder.rollbacks).toHaveLength(1);
    expect(recorder.rollbacks[0].error).toBe(error);
    expect(summary(recorder.rollbacks[0].tables)).toEqual({ sub_entries: { inserted: [expect.any(Number)], updated: [], deleted: [] } });
    expect(await fx.raw.count('sub_entries')).toBe(0);
  });
});

describe('orm.subscribe refuses what is not a subscriber', () => {
  test('no method, or a method that is not a function: a UsageError naming it', async () => {
    const orm = await Orm.init({ entities: [Entry], validation: false });
    try {
      expect(() => orm.subscribe({})).toThrow(UsageError);
      expect(() => orm.subscribe({})).toThrow('at least one of the methods beforeFlush, onFlush, afterFlush, afterCommit, afterRollback');
      expect(() => orm.subscribe({ onFlush: 5 } as unknown as EventSubscriber)).toThrow("orm.subscribe(): the subscriber's onFlush is not a function.");
    } finally {
      await orm.close();
    }
  });
});

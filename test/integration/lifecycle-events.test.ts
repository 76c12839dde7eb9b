import { Collection, Column, Entity, ManyToMany, ManyToOne, PrimaryKey, UniqueConstraintViolationError, type EntityManager } from '../../src';
import type { TableWrites } from '../../src/events/commit-record';
import type { CommitEvent, RollbackEvent } from '../../src/events/lifecycle-events';
import { describeEachDialect, type Fixture } from '../support/dialect-fixture';

@Entity({ table: 'ev_writers' })
class Writer {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column({ type: 'int', nullable: true }) age: number | null = null;
}

@Entity({ table: 'ev_labels' })
class Label {
  @PrimaryKey() id!: number;
  @Column() name!: string;
}

@Entity({ table: 'ev_posts' })
class Post {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Column() title!: string;
  @ManyToOne(() => Writer) writer!: Writer;
  @ManyToMany(() => Label, undefined, { owner: true }) labels = new Collection<Label>(this);
}

/** Every lifecycle event of `fx`'s Orm, in the order raised (unsubscribed after each test). */
function listen(fx: Fixture) {
  const seen: { name: string; event: unknown; sentBefore: string[] }[] = [];
  const names = ['beforeFlush', 'onFlush', 'afterFlush', 'afterCommit', 'afterRollback'] as const;
  const offs = names.map((name) =>
    fx.orm.events.on(name, (event: unknown) => {
      seen.push({ name, event, sentBefore: fx.queries.map((q) => q.sql.toLowerCase().split(' ')[0]) });
    }),
  );
  afterEachOff.push(...offs);
  return {
    names: () => seen.map((s) => s.name),
    commits: () => seen.filter((s) => s.name === 'afterCommit').map((s) => s.event as CommitEvent),
    rollbacks: () => seen.filter((s) => s.name === 'afterRollback').map((s) => s.event as RollbackEvent),
    seen,
  };
}

const afterEachOff: (() => void)[] = [];
afterEach(() => afterEachOff.splice(0).forEach((off) => off()));

/** A commit event's writes by table, each table's lists as given (missing ones empty). */
function byTable(tables: readonly TableWrites[]): Record<string, Omit<TableWrites, 'table'>> {
  return Object.fromEntries(tables.map(({ table, ...writes }) => [table, writes]));
}

const writes = (w: Partial<Omit<TableWrites, 'table'>>) => ({ inserted: [], updated: [], deleted: [], bulk: [], ...w });

describeEachDialect([Writer, Label, Post], (fx) => {
  test('one flush raises beforeFlush, onFlush, afterFlush (inside its transaction), then afterCommit once it committed', async () => {
    const events = listen(fx);
    const em = fx.orm.em.fork();
    em.create(Writer, { name: 'Ada' });
    await em.flush();
    expect(events.names()).toEqual(['beforeFlush', 'onFlush', 'afterFlush', 'afterCommit']);
    const [before, on, after, commit] = events.seen;
    expect((before.event as { session: EntityManager }).session).toBe(em);
    expect(before.sentBefore).toEqual([]);
    expect((on.event as { changeSets: { type: string }[] }).changeSets.map((cs) => cs.type)).toEqual(['insert']);
    expect(on.sentBefore).toEqual([]);
    expect(after.sentBefore).not.toContain('commit');
    expect(after.sentBefore).toContain('insert');
    expect(commit.sentBefore).toContain('commit');
  });

  test('a flush with nothing to write raises beforeFlush only, and opens no transaction', async () => {
    const events = listen(fx);
    await fx.orm.em.fork().flush();
    expect(events.names()).toEqual(['beforeFlush']);
    expect(fx.queries).toEqual([]);
  });

  test('what a beforeFlush listener changes and persists is written by the same flush, in the same batched statements', async () => {
    const seed = fx.orm.em.fork();
    const old = seed.create(Writer, { name: 'Old' });
    await seed.flush();
    fx.queries.length = 0;
    listen(fx);
    afterEachOff.push(
      fx.orm.events.on('beforeFlush', ({ session }) => {
        session.create(Writer, { name: 'Added by a listener' });
        mine.name = 'Renamed by a listener';
      }),
    );
    const em = fx.orm.em.fork();
    const mine = (await em.findOneOrFail(Writer, old.id)) as Writer;
    em.create(Writer, { name: 'Ada' });
    em.create(Writer, { name: 'Grace' });
    fx.queries.length = 0;
    await em.flush();
    expect(fx.sent('insert')).toHaveLength(1);
    expect(fx.sent('update')).toHaveLength(1);
    expect((await fx.raw.rows('ev_writers')).map((r) => r.name)).toEqual([
      'Renamed by a listener',
      'Ada',
      'Grace',
      'Added by a listener',
    ]);
  });

  test('afterFlush gives each change set its key (generated ones included) and a session on the flush transaction', async () => {
    const seed = fx.orm.em.fork();
    const old = seed.create(Writer, { name: 'Old' });
    await seed.flush();
    const em = fx.orm.em.fork();
    const mine = await em.findOneOrFail(Writer, old.id);
    mine.name = 'Changed';
    em.create(Writer, { name: 'Ada' });
    em.create(Writer, { name: 'Grace' });
    let keys: readonly unknown[] = [];
    let transactionId = '';
    let committed = '';
    afterEachOff.push(
      fx.orm.events.on('afterCommit', (event) => void (committed = event.transactionId)),
      fx.orm.events.on('afterFlush', async (event) => {
        keys = event.keys;
        transactionId = event.transactionId;
        const session = event.session as EntityManager;
        await session.qb(Label).insert({ name: `after ${event.changeSets.length}` }).execute();
        if (mine.name === 'Changed twice') throw new Error('refused');
      }),
    );
    await em.flush();
    const rows = await fx.raw.rows('ev_writers');
    const ids = rows.map((r) => Number(r.id));
    expect(keys.map(Number).sort()).toEqual(ids.sort());
    expect((await fx.raw.rows('ev_labels')).map((r) => r.name)).toEqual(['after 3']);
    expect(transactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(committed).toBe(transactionId);

    // A listener's write commits or rolls back with the flush.
    mine.name = 'Changed twice';
    await expect(em.flush()).rejects.toThrow('refused');
    expect((await fx.raw.rows('ev_labels')).map((r) => r.name)).toEqual(['after 3']);
    expect((await fx.raw.rows('ev_writers')).map((r) => r.name)).toContain('Changed');
  });

  test('afterCommit carries exactly what the flush wrote: keys per table and operation, changed columns, pivot rows', async () => {
    const seed = fx.orm.em.fork();
    const kept = seed.create(Writer, { name: 'Kept', age: 30 });
    const gone = seed.create(Writer, { name: 'Gone' });
    const label = seed.create(Label, { name: 'news' });
    await seed.flush();
    const events = listen(fx);

    const em = fx.orm.em.fork();
    const [k, g, l] = [await em.findOneOrFail(Writer, kept.id), await em.findOneOrFail(Writer, gone.id), await em.findOneOrFail(Label, label.id)];
    k.name = 'Kept, renamed';
    k.age = 31;
    em.remove(g);
    const added = em.create(Writer, { name: 'New' });
    const post = em.create(Post, { id: '6f1c2a3e-0000-4000-8000-000000000001', title: 'Hello', writer: added });
    post.labels.add(l);
    await em.flush();

    const pivot = fx.orm.metadata.get(Post).relationsByName.get('labels')!.pivot!.table;
    const [commit] = events.commits();
    expect(events.commits()).toHaveLength(1);
    expect(events.rollbacks()).toEqual([]);
    expect(byTable(commit.tables)).toEqual({
      ev_writers: writes({ inserted: [added.id], updated: [{ key: kept.id, columns: ['name', 'age'] }], deleted: [gone.id] }),
      ev_posts: writes({ inserted: [post.id] }),
      // A pivot row appears by its (owner key, target key) pair.
      [pivot]: writes({ inserted: [[post.id, label.id]] }),
    });
    expect(typeof added.id).toBe('number');

    // Unlinking deletes the pair.
    post.labels.remove(l);
    await em.flush();
    expect(byTable(events.commits()[1].tables)).toEqual({ [pivot]: writes({ deleted: [[post.id, label.id]] }) });
  });

  test('inside transactional with a nested savepoint: one afterCommit at the end with both flushes, none at the release', async () => {
    const events = listen(fx);
    let atRelease: string[] = [];
    let label!: Label;
    let writer!: Writer;
    await fx.orm.em.fork().transactional(async (tx) => {
      writer = tx.create(Writer, { name: 'Outer' });
      await tx.flush();
      await tx.transactional(async (inner) => {
        label = inner.create(Label, { name: 'inner' });
      });
      atRelease = events.names();
      // A savepoint rolled back takes its writes out of the record.
      await tx
        .transactional(async (failing) => {
          failing.create(Label, { name: 'undone' });
          await failing.flush();
          throw new Error('undo this savepoint');
        })
        .catch(() => undefined);
    });
    expect(atRelease).not.toContain('afterCommit');
    expect(events.rollbacks()).toEqual([]);
    expect(events.commits()).toHaveLength(1);
    expect(byTable(events.commits()[0].tables)).toEqual({
      ev_writers: writes({ inserted: [writer.id] }),
      ev_labels: writes({ inserted: [label.id] }),
    });
    expect(await fx.raw.count('ev_labels')).toBe(1);
  });

  test('a rolled-back transaction raises afterRollback with what it attempted, and no afterCommit', async () => {
    const events = listen(fx);
    const failure = new Error('changed my mind');
    const thrown = await fx.orm.em
      .fork()
      .transactional(async (tx) => {
        tx.create(Label, { name: 'attempted' });
        await tx.flush();
        throw failure;
      })
      .catch((e: unknown) => e);
    expect(thrown).toBe(failure);
    expect(events.commits()).toEqual([]);
    expect(events.rollbacks()).toHaveLength(1);
    const [rollback] = events.rollbacks();
    expect(rollback.error).toBe(failure);
    expect(rollback.tables.map((t) => [t.table, t.inserted.length])).toEqual([['ev_labels', 1]]);
    expect(await fx.raw.count('ev_labels')).toBe(0);
  });

  test('a flush failing on a unique violation raises afterRollback, and no afterCommit', async () => {
    const seed = fx.orm.em.fork();
    const writer = seed.create(Writer, { name: 'W' });
    seed.create(Post, { id: '6f1c2a3e-0000-4000-8000-000000000002', title: 'Taken', writer });
    await seed.flush();
    const events = listen(fx);
    const em = fx.orm.em.fork();
    em.create(Post, { id: '6f1c2a3e-0000-4000-8000-000000000002', title: 'Again', writer: await em.findOneOrFail(Writer, writer.id) });
    const error = await em.flush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueConstraintViolationError);
    expect(events.names()).toEqual(['beforeFlush', 'onFlush', 'afterRollback']);
    expect(events.rollbacks()[0].error).toBe(error);
    expect(byTable(events.rollbacks()[0].tables)).toEqual({ ev_posts: writes({ inserted: ['6f1c2a3e-0000-4000-8000-000000000002'] }) });
  });

  test('a query-builder bulk update or delete shows up with its table: at once outside a transaction, at the commit inside one', async () => {
    const seed = fx.orm.em.fork();
    seed.create(Label, { name: 'a' });
    seed.create(Label, { name: 'b' });
    await seed.flush();
    const events = listen(fx);
    const em = fx.orm.em.fork();
    await em.qb(Label).update({ name: 'c' }).where({ name: 'a' }).execute();
    expect(events.commits().map((c) => c.tables)).toEqual([[{ table: 'ev_labels', ...writes({ bulk: ['update'] }) }]]);

    await em.transactional(async (tx) => {
      await tx.qb(Label).delete().where({ name: 'b' }).execute();
      await tx.qb(Writer).insert({ name: 'bulk' }).execute();
      expect(events.commits()).toHaveLength(1);
    });
    expect(events.commits()).toHaveLength(2);
    expect(byTable(events.commits()[1].tables)).toEqual({ ev_labels: writes({ bulk: ['delete'] }), ev_writers: writes({ bulk: ['insert'] }) });
  });
});

import { Audited, Column, Entity, ManyToOne, MetadataError, Orm, PrimaryKey, UniqueConstraintViolationError, UsageError, ValidationError } from '../../../src';
import type { CommitEvent } from '../../../src/events/lifecycle-events';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';

@Entity({ table: 'au_teams' })
@Audited()
class Team {
  @PrimaryKey() id!: number;
  @Column({ unique: true }) name!: string;
}

@Entity({ table: 'au_members' })
@Audited({ exclude: ['passwordHash'] })
class Member {
  @PrimaryKey() id!: number;
  @Column() email!: string;
  @Column() passwordHash!: string;
  @Column({ type: 'int', nullable: true }) age: number | null = null;
  @ManyToOne(() => Team, { nullable: true }) team: Team | null = null;
}

/** Audited through its base class, with its own exclusions replacing the base's. */
@Entity({ table: 'au_admins' })
@Audited({ exclude: ['email'] })
class Admin extends Member {
  @Column() level!: string;
}

/** Not audited: its changes write no audit row. */
@Entity({ table: 'au_notes' })
class Note {
  @PrimaryKey() id!: number;
  @Column({ unique: true }) text!: string;
}

const AUDIT = 'tessera_audit';

/** The audit table's rows as the database holds them, oldest first, with `changes` parsed. */
async function auditRows(fx: Fixture): Promise<{ entity: string; entity_key: string; operation: string; changes: Record<string, unknown>; transaction_id: string; actor: string | null }[]> {
  const rows = await fx.raw.rows(AUDIT);
  return rows.map((row) => ({
    entity: row.entity as string,
    entity_key: row.entity_key as string,
    operation: row.operation as string,
    changes: typeof row.changes === 'string' ? JSON.parse(row.changes) : (row.changes as Record<string, unknown>),
    transaction_id: row.transaction_id as string,
    actor: (row.actor as string | null) ?? null,
  }));
}

const offs: (() => void)[] = [];
afterEach(() => offs.splice(0).forEach((off) => off()));

describeEachDialect([Team, Member, Note, Admin], (fx) => {
  test('each committed insert, update and delete writes one audit row with the changed values; excluded fields never appear', async () => {
    const em = fx.orm.em.fork();
    const ada = em.create(Member, { email: 'ada@x.io', passwordHash: 'secret-1', age: 36 });
    await em.flush();
    ada.email = 'ada@y.io';
    ada.passwordHash = 'secret-2';
    await em.flush();
    em.remove(ada);
    await em.flush();

    const rows = await auditRows(fx);
    expect(rows.map((r) => [r.entity, r.entity_key, r.operation])).toEqual([
      ['Member', String(ada.id), 'insert'],
      ['Member', String(ada.id), 'update'],
      ['Member', String(ada.id), 'delete'],
    ]);
    expect(rows[0].changes).toEqual({ email: [null, 'ada@x.io'], age: [null, 36], team: [null, null] });
    expect(rows[1].changes).toEqual({ email: ['ada@x.io', 'ada@y.io'] });
    expect(rows[2].changes).toEqual({ email: ['ada@y.io', null], age: [36, null], team: [null, null] });
    expect(JSON.stringify(await fx.raw.rows(AUDIT))).not.toContain('secret');
  });

  test('an update of excluded properties only writes no audit row; a change of a non-audited entity writes none', async () => {
    const em = fx.orm.em.fork();
    const ada = em.create(Member, { email: 'ada@x.io', passwordHash: 'secret-1' });
    em.create(Note, { text: 'hello' });
    await em.flush();
    ada.passwordHash = 'secret-2';
    await em.flush();
    expect((await auditRows(fx)).map((r) => [r.entity, r.operation])).toEqual([['Member', 'insert']]);
    expect(fx.sent('update')).toHaveLength(1);
  });

  test('a flush of 1,000 audited changes adds one INSERT of audit rows, in its transaction', async () => {
    const em = fx.orm.em.fork();
    const members = Array.from({ length: 1000 }, (_, i) => em.create(Member, { email: `m${i}@x.io`, passwordHash: 'h', age: i }));
    await em.flush();
    // One INSERT of members, one of audit rows, between BEGIN and COMMIT.
    expect(fx.sent('insert')).toHaveLength(2);
    expect(fx.sent('insert')[1].sql).toContain(AUDIT);
    expect(fx.sent('commit')).toHaveLength(1);
    fx.queries.length = 0;

    for (const m of members) m.age = (m.age ?? 0) + 1;
    await em.flush();
    expect(fx.sent('update')).toHaveLength(1);
    expect(fx.sent('insert')).toHaveLength(1);
    expect(fx.sent('insert')[0].sql).toContain(AUDIT);
    const sql = fx.queries.map((q) => q.sql.toLowerCase().split(/\s/)[0]);
    expect(sql.indexOf('insert')).toBeLessThan(sql.lastIndexOf('commit'));
    const rows = await auditRows(fx);
    expect(rows).toHaveLength(2000);
    expect(rows[1999].changes).toEqual({ age: [999, 1000] });
  });

  test('10,000 audited inserts: the audit rows are chunked like a flush, under the parameter limit', async () => {
    const em = fx.orm.em.fork();
    for (let i = 0; i < 10_000; i++) em.create(Note, { text: `n${i}` });
    for (let i = 0; i < 10_000; i++) em.create(Team, { name: `t${i}` });
    await em.flush();
    const audit = fx.sent('insert').filter((q) => q.sql.includes(AUDIT));
    // PostgreSQL binds one array per column (10,000 rows a statement); SQLite and MariaDB bind 7 values per row,
    // 1,000 rows a statement by default (7,000 parameters: under SQLite's 32,766 and MariaDB's 65,535).
    expect(audit).toHaveLength({ sqlite: 10, postgres: 1, mariadb: 10 }[fx.dialect]);
    expect(await fx.raw.count(AUDIT)).toBe(10_000);
  });

  test('a rolled-back flush leaves no audit row: a failing statement, a throwing listener, a failing transactional', async () => {
    const em = fx.orm.em.fork();
    em.create(Note, { text: 'taken' });
    em.create(Team, { name: 'Red' });
    await em.flush();
    const before = await fx.raw.count(AUDIT);

    // A statement of the flush fails after the audited one was sent.
    const em2 = fx.orm.em.fork();
    em2.create(Team, { name: 'Blue' });
    em2.create(Note, { text: 'taken' });
    await expect(em2.flush()).rejects.toThrow(UniqueConstraintViolationError);

    // A listener after the audit throws: the audit rows were sent, and rolled back.
    offs.push(
      fx.orm.events.on('afterFlush', () => {
        throw new Error('listener failed');
      }),
    );
    fx.queries.length = 0;
    const em3 = fx.orm.em.fork();
    em3.create(Team, { name: 'Green' });
    await expect(em3.flush()).rejects.toThrow('listener failed');
    expect(fx.sent('insert').filter((q) => q.sql.includes(AUDIT))).toHaveLength(1);
    offs.splice(0).forEach((off) => off());

    // The transaction around the flush fails after it.
    await expect(
      fx.orm.em.fork().transactional(async (tx) => {
        tx.create(Team, { name: 'Yellow' });
        await tx.flush();
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');

    expect(await fx.raw.count(AUDIT)).toBe(before);
    expect(await fx.raw.count('au_teams')).toBe(1);
  });

  test('inside transactional, every flush is audited with the outermost transaction id, the one afterCommit carries', async () => {
    const commits: CommitEvent[] = [];
    offs.push(fx.orm.events.on('afterCommit', (e) => void commits.push(e)));
    const em = fx.orm.em.fork();
    await em.transactional(async (tx) => {
      const red = tx.create(Team, { name: 'Red' });
      await tx.flush();
      red.name = 'Crimson';
      await tx.transactional(async (inner) => {
        inner.create(Member, { email: 'a@x.io', passwordHash: 'h', team: red });
      });
    });
    const rows = await auditRows(fx);
    // The nested transaction's flush (a savepoint) writes the pending rename too.
    expect(rows.map((r) => [r.entity, r.operation])).toEqual([
      ['Team', 'insert'],
      ['Team', 'update'],
      ['Member', 'insert'],
    ]);
    expect(commits).toHaveLength(1);
    expect(new Set(rows.map((r) => r.transaction_id))).toEqual(new Set([commits[0].transactionId]));
  });

  test('a to-one key generated by the same flush is in the audit row', async () => {
    const em = fx.orm.em.fork();
    const red = em.create(Team, { name: 'Red' });
    const ada = em.create(Member, { email: 'a@x.io', passwordHash: 'h', team: red });
    await em.flush();
    const blue = em.create(Team, { name: 'Blue' });
    ada.team = blue;
    await em.flush();
    const history = await fx.orm.audit.history(Member, ada.id);
    expect(history.map((h) => h.changes.team)).toEqual([
      [null, red.id],
      [red.id, blue.id],
    ]);
  });

  test('the actor comes from requestContext({ actor }), fork({ actor }) and the transactions they open; null without one', async () => {
    await fx.orm.requestContext({ actor: 'user:1' }, async () => {
      fx.orm.em.create(Team, { name: 'A' });
      await fx.orm.em.flush();
      await fx.orm.em.transactional(async (tx) => void tx.create(Team, { name: 'B' }));
    });
    const forked = fx.orm.em.fork({ actor: 'job:nightly' });
    forked.create(Team, { name: 'C' });
    await forked.flush();
    // A fork of a fork keeps its actor unless told another.
    const child = forked.fork();
    child.create(Team, { name: 'D' });
    await child.flush();
    await fx.orm.requestContext(async () => {
      fx.orm.em.create(Team, { name: 'E' });
      await fx.orm.em.flush();
    });
    expect(forked.actor).toBe('job:nightly');
    expect((await auditRows(fx)).map((r) => [r.changes.name, r.actor])).toEqual([
      [[null, 'A'], 'user:1'],
      [[null, 'B'], 'user:1'],
      [[null, 'C'], 'job:nightly'],
      [[null, 'D'], 'job:nightly'],
      [[null, 'E'], null],
    ]);
  });

  test('history() returns every committed change of one row, oldest first, typed; other rows and rolled-back changes are not in it', async () => {
    const em = fx.orm.em.fork({ actor: 'ada' });
    const red = em.create(Team, { name: 'Red' });
    const blue = em.create(Team, { name: 'Blue' });
    await em.flush();
    for (const name of ['Crimson', 'Scarlet', 'Ruby']) {
      red.name = name;
      blue.name = `${name} blue`;
      await em.flush();
    }
    const key = red.id;
    em.remove(red);
    await em.flush();

    const history = await fx.orm.audit.history(Team, key);
    expect(history.map((h) => [h.operation, h.changes.name, h.actor])).toEqual([
      ['insert', [null, 'Red'], 'ada'],
      ['update', ['Red', 'Crimson'], 'ada'],
      ['update', ['Crimson', 'Scarlet'], 'ada'],
      ['update', ['Scarlet', 'Ruby'], 'ada'],
      ['delete', ['Ruby', null], 'ada'],
    ]);
    expect(history[0].at).toBeInstanceOf(Date);
    expect(Math.abs(history[0].at.getTime() - Date.now())).toBeLessThan(60_000);
    expect(history.every((h, i) => i === 0 || h.at.getTime() >= history[i - 1].at.getTime())).toBe(true);
    expect(new Set(history.map((h) => h.transactionId)).size).toBe(5);
    // Typed: the change of `name` is a pair of strings (or null).
    const name: readonly [string | null, string | null] | undefined = history[1].changes.name;
    expect(name).toEqual(['Red', 'Crimson']);
    expect(await fx.orm.audit.history(Team, 999_999)).toEqual([]);
  });

  test('removing a reference that was never loaded records the delete, with no values', async () => {
    const em = fx.orm.em.fork();
    const red = em.create(Team, { name: 'Red' });
    await em.flush();
    const em2 = fx.orm.em.fork();
    em2.remove(em2.getReference(Team, red.id));
    await em2.flush();
    expect((await fx.orm.audit.history(Team, red.id)).map((h) => [h.operation, h.changes])).toEqual([
      ['insert', { name: [null, 'Red'] }],
      ['delete', {}],
    ]);
  });

  test('a subclass of an @Audited() class is audited; its own @Audited() replaces the exclusions', async () => {
    const em = fx.orm.em.fork();
    const admin = em.create(Admin, { email: 'root@x.io', passwordHash: 'h', level: 'high' });
    await em.flush();
    expect((await fx.orm.audit.history(Admin, admin.id))[0].changes).toEqual({ passwordHash: [null, 'h'], age: [null, null], team: [null, null], level: [null, 'high'] });
  });

  test('an actor longer than 255 characters fails the flush with a ValidationError, before anything commits', async () => {
    const em = fx.orm.em.fork({ actor: 'x'.repeat(256) });
    em.create(Team, { name: 'Red' });
    await expect(em.flush()).rejects.toThrow(ValidationError);
    await expect(em.flush()).rejects.toThrow('actor');
    expect(await fx.raw.count('au_teams')).toBe(0);
  });

  test('query-builder bulk writes are not entity changes and are not audited', async () => {
    const em = fx.orm.em.fork();
    em.create(Team, { name: 'Red' });
    await em.flush();
    await em.qb(Team).update({ name: 'Blue' }).where({ name: 'Red' }).execute();
    await em.qb(Team).insert({ name: 'Green' }).execute();
    expect((await auditRows(fx)).map((r) => r.operation)).toEqual(['insert']);
  });

  test('history() of an entity that is not @Audited is a UsageError', async () => {
    await expect(fx.orm.audit.history(Note, 1)).rejects.toThrow(UsageError);
    await expect(fx.orm.audit.history(Note, 1)).rejects.toThrow('Note is not @Audited()');
  });
});

describe('@Audited() input', () => {
  test('an excluded name that is not a column property is a MetadataError naming class and property', async () => {
    @Entity({ table: 'au_bad' })
    // @ts-expect-error: 'passwrd' is not a property of Bad.
    @Audited({ exclude: ['passwrd'] })
    class Bad {
      @PrimaryKey() id!: number;
      @Column() password!: string;
    }
    const init = Orm.init({ entities: [Bad] });
    await expect(init).rejects.toThrow(MetadataError);
    await expect(Orm.init({ entities: [Bad] })).rejects.toMatchObject({
      entity: 'Bad',
      property: 'passwrd',
      message: "@Audited() on Bad excludes 'passwrd', which is not a column property of Bad.",
    });
  });

  test('without an @Audited() entity there is no audit table and no afterFlush listener', async () => {
    const orm = await Orm.init({ entities: [Note] });
    try {
      expect(orm.metadata.all.map((m) => m.table)).toEqual(['au_notes']);
      expect(orm.events.has('afterFlush')).toBe(false);
    } finally {
      await orm.close();
    }
  });
});

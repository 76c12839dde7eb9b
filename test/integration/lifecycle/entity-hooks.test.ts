import {
  AfterCreate,
  AfterDelete,
  AfterLoad,
  AfterUpdate,
  BeforeCreate,
  BeforeDelete,
  BeforeUpdate,
  Collection,
  Column,
  Entity,
  ManyToOne,
  OneToMany,
  Orm,
  PrimaryKey,
  ref,
  UsageError,
  type HookArgs,
  type Reference,
} from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';

/** What the hooks saw, in order: `event entity-label [changed]`. */
const log: string[] = [];
/** A hook that should fail throws when this names its event. */
let failOn: string | undefined;
/** Called by every hook, to look around while it runs. */
let probe: ((what: string) => void) | undefined;

function note(event: string, label: string, changed: readonly string[] = []): void {
  log.push(changed.length > 0 ? `${event} ${label} [${changed.join(',')}]` : `${event} ${label}`);
  probe?.(`${event} ${label}`);
  if (failOn === `${event} ${label}`) throw new Error(`hook refused: ${event} ${label}`);
}

/** Hooks declared on a base class run for its subclasses, before the subclass's own. */
abstract class Stamped {
  @Column({ type: 'int' }) revision = 0;

  @BeforeUpdate() bump() {
    this.revision++;
  }
}

@Entity({ table: 'hk_users' })
class User extends Stamped {
  @PrimaryKey() id!: number;
  @Column() email!: string;
  @Column() name!: string;
  /** A generated id as the afterCreate hook saw it. */
  idInAfterCreate: number | undefined;

  @BeforeCreate() @BeforeUpdate() lowerEmail({ event, changed }: HookArgs<User>) {
    this.email = this.email.toLowerCase();
    note(event, this.name, changed);
  }

  @BeforeCreate() second() {
    log.push(`second ${this.name}`);
  }

  @BeforeDelete() beforeDelete({ event }: HookArgs<User>) {
    note(event, this.name);
  }

  @AfterCreate() afterCreate({ event }: HookArgs<User>) {
    this.idInAfterCreate = this.id;
    note(event, this.name);
  }

  @AfterUpdate() afterUpdate({ event, changed }: HookArgs<User>) {
    note(event, this.name, changed);
  }

  @AfterDelete() afterDelete({ event }: HookArgs<User>) {
    note(event, this.name);
  }
}

/** Written by a hook of Membership: a hook's new entity is flushed too, with its own hooks. */
@Entity({ table: 'hk_notes' })
class HookNote {
  @PrimaryKey() id!: number;
  @Column() text!: string;

  @BeforeCreate() shout({ event }: HookArgs<HookNote>) {
    this.text = this.text.toUpperCase();
    note(event, 'note');
  }
}

@Entity({ table: 'hk_teams' })
class Team {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  /** Left out of a `fields` load, which makes it partial. */
  @Column({ type: 'string', nullable: true }) motto: string | null = null;
  @OneToMany(() => Membership, (m) => m.team) members = new Collection<Membership>(this);
  /** Set by afterLoad: a value derived from loaded columns. */
  label = '';
  /** How often afterLoad ran (hydration does not run the constructor: no field initializer has run before it). */
  loads?: number;

  @AfterLoad() derive({ em, event }: HookArgs<Team>) {
    this.loads = (this.loads ?? 0) + 1;
    this.label = `team ${this.name}`;
    if (!em) throw new Error('afterLoad without an EntityManager');
    log.push(`${event} ${this.name}`);
  }
}

@Entity({ table: 'hk_members' })
class Membership {
  @PrimaryKey() id!: number;
  @Column() role!: string;
  @ManyToOne(() => Team) team!: Team;
  @ManyToOne(() => Team, { ref: true, nullable: true }) formerTeam: Reference<Team> | null = null;

  @BeforeCreate() announce({ em }: HookArgs<Membership>) {
    em.create(HookNote, { text: `joined as ${this.role}` });
  }
}

/** The same columns as User, without hooks: the statement count to match. */
@Entity({ table: 'hk_plain' })
class Plain {
  @PrimaryKey() id!: number;
  @Column() email!: string;
  @Column() name!: string;
  @Column({ type: 'int' }) revision = 0;
}

const ENTITIES = [User, HookNote, Team, Membership, Plain];

beforeEach(() => {
  log.length = 0;
  failOn = undefined;
  probe = undefined;
});

async function seedUsers(fx: Fixture, count: number): Promise<number[]> {
  const em = fx.orm.em.fork();
  const users = Array.from({ length: count }, (_, i) => em.create(User, { email: `U${i}@Example.COM`, name: `u${i}` }));
  await em.flush();
  log.length = 0;
  fx.queries.length = 0;
  return users.map((u) => u.id);
}

describeEachDialect(ENTITIES, (fx) => {
  test('beforeCreate changes are written by the same batched INSERT: 100 new entities, one INSERT', async () => {
    const em = fx.orm.em.fork();
    for (let i = 0; i < 100; i++) em.create(User, { email: `Person${i}@Example.COM`, name: `p${i}` });
    await em.flush();
    expect(fx.sent('insert')).toHaveLength(1);
    const rows = await fx.raw.rows('hk_users');
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.email === String(r.email).toLowerCase())).toBe(true);
    // Several hooks per event, in declaration order; one method may carry several decorators.
    expect(log.slice(0, 2)).toEqual(['beforeCreate p0', 'second p0']);
  });

  test('beforeUpdate changes go into the same UPDATE statements as without hooks, and it runs only for entities that changed', async () => {
    const ids = await seedUsers(fx, 100);
    const plainEm = fx.orm.em.fork();
    for (let i = 0; i < 100; i++) plainEm.create(Plain, { email: `p${i}@x.io`, name: `p${i}` });
    await plainEm.flush();

    const em = fx.orm.em.fork();
    const users = await em.find(User, {}, { orderBy: { id: 'asc' } });
    const plains = await em.find(Plain, {}, { orderBy: { id: 'asc' } });
    users.forEach((u, i) => {
      if (i < 98) u.name = `${u.name}!`;
    });
    // Changed and changed back: no change, no hook.
    users[98].name = 'other';
    users[98].name = 'u98';
    plains.forEach((p, i) => {
      if (i < 98) {
        p.name = `${p.name}!`;
        p.revision++;
      }
    });

    fx.queries.length = 0;
    await em.flush();
    const updates = fx.sent('update').length;
    expect(updates).toBeGreaterThan(0);
    // Two entity classes; each one's rows go out like the hookless class's (same columns changed).
    const userUpdates = fx.sent('update').filter((q) => q.sql.includes('hk_users')).length;
    const plainUpdates = fx.sent('update').filter((q) => q.sql.includes('hk_plain')).length;
    expect(userUpdates).toBe(plainUpdates);

    expect(log.filter((l) => l.startsWith('beforeUpdate'))).toHaveLength(98);
    expect(log).toContain('beforeUpdate u0! [name]');
    // afterUpdate sees what was written: the hook's change included.
    expect(log).toContain('afterUpdate u0! [revision,name]');
    const rows = await fx.raw.rows('hk_users');
    expect(rows.filter((r) => Number(r.revision) === 1)).toHaveLength(98);
    expect(Number(rows.find((r) => Number(r.id) === ids[98])?.revision)).toBe(0);
  });

  test('the order: beforeFlush, before-write hooks, onFlush, statements, afterFlush, COMMIT, afterCommit, after-write hooks', async () => {
    const [keptId, goneId] = await seedUsers(fx, 2);
    const off = fx.orm.subscribe({
      beforeFlush: () => void log.push('beforeFlush'),
      onFlush: () => void log.push(`onFlush (${fx.queries.length} statements)`),
      afterFlush: () => void log.push(`afterFlush (${fx.sent('commit').length} commits)`),
      afterCommit: () => void log.push(`afterCommit (${fx.sent('commit').length} commits)`),
    });
    try {
      const em = fx.orm.em.fork();
      const [kept, gone] = [await em.findOneOrFail(User, keptId), await em.findOneOrFail(User, goneId)];
      em.create(User, { email: 'New@X.io', name: 'new' });
      kept.name = 'kept';
      em.remove(gone);
      fx.queries.length = 0;
      await em.flush();
      // Hooks run entity by entity in the order the EntityManager came to know them.
      expect(log).toEqual([
        'beforeFlush',
        'beforeUpdate kept [name]',
        'beforeDelete u1',
        'beforeCreate new',
        'second new',
        'onFlush (0 statements)',
        'afterFlush (0 commits)',
        'afterCommit (1 commits)',
        'afterUpdate kept [revision,name]',
        'afterDelete u1',
        'afterCreate new',
      ]);
    } finally {
      off();
    }
  });

  test('afterCreate sees the generated key; inside transactional after-write hooks run before the outer COMMIT, and their error rolls it back', async () => {
    const em = fx.orm.em.fork();
    const ada = em.create(User, { email: 'ada@x.io', name: 'ada' });
    await em.flush();
    expect(typeof ada.id).toBe('number');
    expect(ada.idInAfterCreate).toBe(ada.id);

    // Inside transactional: the hook finds the row written (in the transaction, with its key), not yet committed.
    let atHook: { commits: number; id: unknown } | undefined;
    let grace: User | undefined;
    probe = (what) => {
      if (what === 'afterCreate grace') atHook = { commits: fx.sent('commit').length, id: grace?.id };
    };
    failOn = 'afterCreate grace';
    fx.queries.length = 0;
    const error = await fx.orm.em
      .fork()
      .transactional(async (tx) => {
        grace = tx.create(User, { email: 'grace@x.io', name: 'grace' });
        await tx.flush();
      })
      .catch((e: unknown) => e);
    expect(String(error)).toContain('hook refused: afterCreate grace');
    expect(atHook).toEqual({ commits: 0, id: expect.any(Number) });
    expect(fx.sent('commit')).toEqual([]);
    expect(fx.sent('rollback').length).toBeGreaterThan(0);
    expect((await fx.raw.rows('hk_users')).map((r) => r.name)).toEqual(['ada']);
  });

  test('a hook that persists a new entity gets it written in the same transaction, with its own beforeCreate', async () => {
    const em = fx.orm.em.fork();
    const team = em.create(Team, { name: 'core' });
    em.create(Membership, { role: 'lead', team });
    em.create(Membership, { role: 'dev', team });
    fx.queries.length = 0;
    await em.flush();
    expect(fx.sent('begin')).toHaveLength(1);
    expect(fx.sent('commit')).toHaveLength(1);
    expect((await fx.raw.rows('hk_notes')).map((r) => r.text)).toEqual(['JOINED AS LEAD', 'JOINED AS DEV']);
    expect(log.filter((l) => l === 'beforeCreate note')).toHaveLength(2);
    // The two notes went out in one INSERT.
    expect(fx.sent('insert').filter((q) => q.sql.includes('hk_notes'))).toHaveLength(1);
  });

  test('a throwing hook aborts the flush: no statement, entities keep their pending state, the next flush writes them', async () => {
    const [id] = await seedUsers(fx, 1);
    const em = fx.orm.em.fork();
    const loaded = await em.findOneOrFail(User, id);
    loaded.name = 'renamed';
    const fresh = em.create(User, { email: 'A@X.io', name: 'fresh' });
    failOn = 'beforeCreate fresh';
    fx.queries.length = 0;
    await expect(em.flush()).rejects.toThrow('hook refused: beforeCreate fresh');
    expect(fx.queries).toEqual([]);
    expect(fresh.id).toBeUndefined();
    expect(await em.findOne(User, id)).toBe(loaded);
    expect((await fx.raw.rows('hk_users')).map((r) => r.name)).toEqual(['u0']);

    // Hooks that ran before the failure did run: their changes stay, as any change the application made does,
    // and the next flush runs them again (the revision counts both runs).
    failOn = undefined;
    await em.flush();
    expect(new Map((await fx.raw.rows('hk_users')).map((r) => [r.name, Number(r.revision)]))).toEqual(
      new Map([
        ['renamed', 2],
        ['fresh', 0],
      ]),
    );
  });

  test('afterLoad runs once per hydrated entity: find, findOne, qb, lazy reference and stub loads, populate', async () => {
    const seedEm = fx.orm.em.fork();
    const [red, blue] = [seedEm.create(Team, { name: 'red' }), seedEm.create(Team, { name: 'blue' })];
    seedEm.create(Membership, { role: 'a', team: red, formerTeam: ref(blue) });
    await seedEm.flush();
    log.length = 0;

    const em = fx.orm.em.fork();
    const teams = await em.find(Team, {}, { orderBy: { id: 'asc' } });
    expect(teams.map((t) => t.label)).toEqual(['team red', 'team blue']);
    await em.find(Team, {});
    await em.findOne(Team, { name: 'red' });
    await em.qb(Team, 't').getResult();
    expect(teams.map((t) => t.loads)).toEqual([1, 1]);
    await em.populate(teams, ['members']);
    expect(log).toEqual(['afterLoad red', 'afterLoad blue']);

    // A stub (a foreign key's target) runs its hooks when a load completes it, not before.
    const other = fx.orm.em.fork();
    const [member] = await other.find(Membership, {});
    expect(member.team.loads).toBeUndefined();
    const former = await member.formerTeam!.load();
    expect(former.loads).toBe(1);
    await other.findOneOrFail(Team, { id: member.team.id });
    expect(member.team.loads).toBe(1);
    expect(member.team.label).toBe('team red');
    await other.find(Team, {});
    expect([member.team.loads, former.loads]).toEqual([1, 1]);
  });

  test('afterLoad runs once per streamed entity: em.stream, a builder stream and its batches, not for a fields stream', async () => {
    const seedEm = fx.orm.em.fork();
    for (const name of ['s1', 's2', 's3', 's4', 's5']) seedEm.create(Team, { name });
    await seedEm.flush();
    log.length = 0;

    const em = fx.orm.em.fork();
    const streamed: Team[] = [];
    for await (const team of em.stream(Team, {}, { orderBy: { id: 'asc' }, batchSize: 2 })) streamed.push(team);
    expect(streamed.map((t) => [t.label, t.loads])).toEqual(['s1', 's2', 's3', 's4', 's5'].map((n) => [`team ${n}`, 1]));
    expect(log).toEqual(['s1', 's2', 's3', 's4', 's5'].map((n) => `afterLoad ${n}`));

    log.length = 0;
    const fromBuilder: Team[] = [];
    for await (const team of em.qb(Team, 't').where({ name: { $in: ['s2', 's4'] } }).orderBy({ id: 'asc' }).stream({ batchSize: 1 })) fromBuilder.push(team);
    for await (const batch of em.qb(Team).where({ name: 's5' }).stream().batches()) fromBuilder.push(...batch);
    expect(fromBuilder.map((t) => [t.name, t.loads])).toEqual([['s2', 1], ['s4', 1], ['s5', 1]]);
    expect(log).toEqual(['afterLoad s2', 'afterLoad s4', 'afterLoad s5']);

    log.length = 0;
    const partial: Team[] = [];
    for await (const team of em.stream(Team, { name: 's1' }, { fields: ['name'] })) partial.push(team);
    expect(partial.map((t) => [t.name, t.loads])).toEqual([['s1', undefined]]);
    expect(log).toEqual([]);
  });
});

describe('hooks that cannot work', () => {
  test('before-write hooks that never stop persisting new entities are a UsageError, and nothing is written', async () => {
    @Entity({ table: 'hk_chain' })
    class Chain {
      @PrimaryKey() id!: number;
      @Column({ type: 'int' }) n!: number;
      @BeforeCreate() next({ em }: HookArgs<Chain>) {
        em.create(Chain, { n: this.n + 1 });
      }
    }
    const orm = await Orm.init({ entities: [Chain], validation: false });
    try {
      await orm.schema.create();
      const em = orm.em.fork();
      em.create(Chain, { n: 0 });
      const error = await em.flush().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect(String(error)).toContain('A flush ran entity hooks 100 rounds in a row and they still changed or persisted more entities (last: Chain beforeCreate)');
      expect(await orm.em.fork().count(Chain)).toBe(0);
    } finally {
      await orm.close();
    }
  });

  test('an async afterLoad hook is a UsageError naming the class and method', async () => {
    @Entity({ table: 'hk_async' })
    class AsyncLoad {
      @PrimaryKey() id!: number;
      @Column() name!: string;
      @AfterLoad() async fetchMore() {}
    }
    const orm = await Orm.init({ entities: [AsyncLoad], validation: false });
    try {
      await orm.schema.create();
      const em = orm.em.fork();
      em.create(AsyncLoad, { name: 'a' });
      await em.flush();
      const error = await orm.em.fork().find(AsyncLoad, {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect(String(error)).toContain('AsyncLoad.fetchMore is an @AfterLoad() hook and returned a promise');
    } finally {
      await orm.close();
    }
  });
});

import { Column, DatabaseSchema, Entity, Index, ManyToOne, Orm, PrimaryKey, type EntityClass, type SchemaOperationKind } from '../../src';
import { describeEachDialect, withOrm } from '../support/dialect-fixture';
import { schemaShape } from '../support/schema-shape';

@Entity({ table: 'ev_team' })
class Team {
  @PrimaryKey() id!: number;
  @Column({ length: 40 }) name!: string;
}

// Five entity changes, one class per version of the person table.
@Index({ properties: ['email'] })
@Entity({ table: 'ev_person' })
class PersonV1 {
  @PrimaryKey() id!: number;
  @Column({ length: 50 }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true }) nick!: string | null;
  @Column({ length: 100 }) email!: string;
  @Column({ type: 'int' }) score!: number;
}

/** 1. a column with a default */
@Index({ properties: ['email'] })
@Entity({ table: 'ev_person' })
class PersonV2 {
  @PrimaryKey() id!: number;
  @Column({ length: 50 }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true }) nick!: string | null;
  @Column({ length: 100 }) email!: string;
  @Column({ type: 'int' }) score!: number;
  @Column({ default: true }) active!: boolean;
}

/** 2. nick renamed to nickname */
@Index({ properties: ['email'] })
@Entity({ table: 'ev_person' })
class PersonV3 {
  @PrimaryKey() id!: number;
  @Column({ length: 50 }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true, renamedFrom: 'nick' }) nickname!: string | null;
  @Column({ length: 100 }) email!: string;
  @Column({ type: 'int' }) score!: number;
  @Column({ default: true }) active!: boolean;
}

/** 3. name becomes text */
@Index({ properties: ['email'] })
@Entity({ table: 'ev_person' })
class PersonV4 {
  @PrimaryKey() id!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true }) nickname!: string | null;
  @Column({ length: 100 }) email!: string;
  @Column({ type: 'int' }) score!: number;
  @Column({ default: true }) active!: boolean;
}

/** 4. a foreign key to the team */
@Index({ properties: ['email'] })
@Entity({ table: 'ev_person' })
class PersonV5 {
  @PrimaryKey() id!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true }) nickname!: string | null;
  @Column({ length: 100 }) email!: string;
  @Column({ type: 'int' }) score!: number;
  @Column({ default: true }) active!: boolean;
  @ManyToOne(() => Team, { nullable: true, onDelete: 'set null' }) team: Team | null = null;
}

/** 5. the email index dropped */
@Entity({ table: 'ev_person' })
class PersonV6 {
  @PrimaryKey() id!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true }) nickname!: string | null;
  @Column({ length: 100 }) email!: string;
  @Column({ type: 'int' }) score!: number;
  @Column({ default: true }) active!: boolean;
  @ManyToOne(() => Team, { nullable: true, onDelete: 'set null' }) team: Team | null = null;
}

const STEPS: readonly [EntityClass, SchemaOperationKind[]][] = [
  [PersonV2, ['addColumn']],
  [PersonV3, ['renameColumn']],
  [PersonV4, ['alterColumn']],
  [PersonV5, ['addColumn', 'createIndex', 'addForeignKey']],
  [PersonV6, ['dropIndex']],
];

describeEachDialect([Team, PersonV1], (fx) => {

  test('five entity changes, each applied through diff + render: introspection then equals the target, and the data stays', async () => {
    const em = fx.orm.em.fork();
    em.create(PersonV1, { name: 'Ada', nick: 'ada', email: 'ada@example.com', score: 7 });
    em.create(PersonV1, { name: 'Grace', nick: null, email: 'grace@example.com', score: 9 });
    await em.flush();

    for (const [person, kinds] of STEPS) {
      await withOrm(fx, [Team, person], async (orm) => {
        const applied = await orm.schema.update();
        expect(applied.map((op) => op.kind)).toEqual(kinds);
        expect(await orm.schema.diff()).toEqual([]);
        expect(schemaShape(await orm.schema.introspect(), orm.schema.target())).toEqual(schemaShape(orm.schema.target()));
      });
    }

    const rows = (await fx.raw.rows('ev_person')).map((r): Record<string, unknown> => ({ ...r, score: Number(r.score), active: Number(r.active) }));
    expect(rows).toEqual([
      { id: rows[0].id, name: 'Ada', nickname: 'ada', email: 'ada@example.com', score: 7, active: 1, team_id: null },
      { id: rows[1].id, name: 'Grace', nickname: null, email: 'grace@example.com', score: 9, active: 1, team_id: null },
    ]);
    const person = DatabaseSchema.table(await fx.orm.schema.introspect(), 'ev_person');
    expect(person?.indexes.map((i) => i.name)).toEqual(['ev_person_team_id_index']);
    expect(person?.foreignKeys.map((fk) => [fk.columns, fk.referencedTable, fk.onDelete])).toEqual([[['team_id'], 'ev_team', 'set null']]);
  });

  test('the new foreign key holds: a missing team is refused, deleting a team sets the reference to null', async () => {
    await withOrm(fx, [Team, PersonV5], async (orm) => {
      // From the first version: nick is dropped (nickname has no renamedFrom here), hence force.
      await orm.schema.update({ force: true });
      const em = orm.em.fork();
      const team = em.create(Team, { name: 'core' });
      em.create(PersonV5, { name: 'Ada', nickname: null, email: 'a@example.com', score: 1, team });
      await em.flush();
      await expect(fx.raw.exec("insert into ev_person (name, email, score, team_id) values ('B', 'b', 1, 999)")).rejects.toMatchObject({ message: expect.stringMatching(/foreign key/i) });
      await fx.raw.exec(`delete from ev_team where id = ${team.id}`);
      expect((await fx.raw.rows('ev_person')).map((r) => r.team_id)).toEqual([null]);
    });
  });
});

@Entity({ table: 'ev_ticket' })
class Ticket {
  @PrimaryKey() id!: number;
  @Column({ type: 'enum', items: ['open', 'closed'], default: 'open' }) state!: string;
  @Column({ type: 'enum', items: [1, 2] }) level!: number;
}

@Entity({ table: 'ev_ticket' })
class TicketMoreStates {
  @PrimaryKey() id!: number;
  @Column({ type: 'enum', items: ['open', 'closed', "won't fix"], default: 'open' }) state!: string;
  @Column({ type: 'enum', items: [1, 2, 3] }) level!: number;
}

describeEachDialect([Ticket], (fx) => {
  test('an enum that gains items is altered (native ENUM or CHECK), and the new items are accepted', async () => {
    await fx.raw.exec("insert into ev_ticket (state, level) values ('closed', 2)");
    const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [TicketMoreStates], pool: { min: 0, max: 2 } });
    try {
      expect((await orm.schema.update()).map((op) => op.kind)).toEqual(['alterColumn', 'alterColumn']);
      expect(await orm.schema.diff()).toEqual([]);
      await fx.raw.exec("insert into ev_ticket (state, level) values ('won''t fix', 3)");
      await expect(fx.raw.exec("insert into ev_ticket (state, level) values ('lost', 3)")).rejects.toMatchObject({ message: expect.any(String) });
      expect((await fx.raw.rows('ev_ticket')).map((r) => [r.state, Number(r.level)])).toEqual([
        ['closed', 2],
        ["won't fix", 3],
      ]);
    } finally {
      await orm.close();
    }
  });

  test('an enum that loses an item is a narrowing', async () => {
    const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [TicketMoreStates], pool: { min: 0, max: 2 } });
    try {
      await orm.schema.update();
    } finally {
      await orm.close();
    }
    const reasons = (await fx.orm.schema.destructiveChanges(await fx.orm.schema.diff())).map((c) => [c.reason, c.column]);
    expect(reasons).toEqual([
      ['type narrowing', 'state'],
      ['type narrowing', 'level'],
    ]);
  });
});

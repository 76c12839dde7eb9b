import { IsEmail, IsIn, Length, Min } from 'class-validator';
import { BeforeCreate, Column, Entity, PrimaryKey, ValidationError, type ConstraintFailure } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';

@Entity({ table: 'val_members' })
class Member {
  @PrimaryKey() id!: number;
  @Column() @IsEmail() email!: string;
  @Column() @Length(2, 20) name!: string;
  @Column({ type: 'int' }) @Min(0) credits = 0;
  /** New members start as drafts (the 'create' group); a change may set any status. */
  @Column() @IsIn(['draft'], { groups: ['create'] }) @IsIn(['draft', 'active'], { groups: ['update'] }) status: string = 'draft';

  /** Validation sees what the hooks made of the entity. */
  @BeforeCreate() trim() {
    this.name = this.name.trim();
  }
}

/** No constraints: flushes as before (class-validator's forbidUnknownValues never sees it). */
@Entity({ table: 'val_plain' })
class Plain {
  @PrimaryKey() id!: number;
  @Column() text!: string;
}

/** A custom group, named in the Orm's options. */
@Entity({ table: 'val_signups' })
class Signup {
  @PrimaryKey() id!: number;
  @Column() @Length(8, 64, { groups: ['signup'] }) password!: string;
  @Column() @IsEmail() email!: string;
}

const brief = (f: ConstraintFailure) => `${f.entity}.${f.property} ${f.constraint}`;

describeEachDialect([Member, Plain], (fx) => {
  test('invalid new entities: one ValidationError listing every failure of every entity, and nothing is sent', async () => {
    const em = fx.orm.em.fork();
    const good = em.create(Member, { email: 'ada@example.com', name: '  Ada  ' });
    const bad = em.create(Member, { email: 'not an email', name: 'G', credits: -1 });
    const worse = em.create(Member, { email: 'x', name: 'Linus', status: 'active' });
    fx.queries.length = 0;
    const error = (await em.flush().catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.failures.map(brief)).toEqual([
      'Member.email isEmail',
      'Member.name isLength',
      'Member.credits min',
      'Member.email isEmail',
      'Member.status isIn',
    ]);
    expect(error.failures.map((f) => f.instance)).toEqual([bad, bad, bad, worse, worse]);
    expect(error.message).toContain('Validation failed for 2 entities; nothing was written');
    expect(error.message).toContain('Member.email: isEmail (email must be an email)');
    expect(fx.queries).toEqual([]);
    expect([good.id, bad.id, worse.id]).toEqual([undefined, undefined, undefined]);

    // Fixed, they are written by one batched INSERT.
    bad.email = 'grace@example.com';
    bad.name = 'Grace';
    bad.credits = 0;
    worse.email = 'linus@example.com';
    worse.status = 'draft';
    em.create(Plain, { text: 'no constraints' });
    await em.flush();
    expect(fx.sent('insert')).toHaveLength(2);
    expect((await fx.raw.rows('val_members')).map((r) => r.name)).toEqual(['Ada', 'Grace', 'Linus']);
  });

  test('a changed entity is validated with the update group; an unchanged invalid one is left alone', async () => {
    const seed = fx.orm.em.fork();
    const [a, b] = [seed.create(Member, { email: 'a@x.io', name: 'Aa' }), seed.create(Member, { email: 'b@x.io', name: 'Bb' })];
    await seed.flush();
    await fx.orm.em.fork().qb(Member).update({ email: 'broken' }).where({ id: b.id }).execute();

    const em = fx.orm.em.fork();
    const [ma] = [await em.findOneOrFail(Member, a.id), await em.findOneOrFail(Member, b.id)];
    ma.status = 'active';
    fx.queries.length = 0;
    await em.flush();
    expect(fx.sent('update')).toHaveLength(1);

    ma.credits = -5;
    fx.queries.length = 0;
    const error = (await em.flush().catch((e: unknown) => e)) as ValidationError;
    expect(error.failures.map(brief)).toEqual(['Member.credits min']);
    expect(fx.queries).toEqual([]);
    expect((await fx.raw.rows('val_members')).map((r) => [r.status, Number(r.credits)])).toEqual([
      ['active', 0],
      ['draft', 0],
    ]);
  });
});

describeEachDialect(
  [Signup],
  (fx) => {
    test('validation groups from the options: constraints of the named group apply, ungrouped ones always', async () => {
      const em = fx.orm.em.fork();
      const signup = em.create(Signup, { password: 'short', email: 'nope' });
      const error = (await em.flush().catch((e: unknown) => e)) as ValidationError;
      expect(error.failures.map(brief)).toEqual(['Signup.password isLength', 'Signup.email isEmail']);
      signup.password = 'long enough';
      signup.email = 'me@x.io';
      await em.flush();
      // An update validates with the update group (none here): the signup-only length does not apply.
      signup.password = 'short';
      await em.flush();
      expect((await fx.raw.rows('val_signups')).map((r) => r.password)).toEqual(['short']);
    });
  },
  { validation: { groups: { create: ['signup'], update: [] } } },
);

describeEachDialect(
  [Member],
  (fx) => {
    test('validation: false writes what class-validator would refuse', async () => {
      const em = fx.orm.em.fork();
      em.create(Member, { email: 'not an email', name: 'G' });
      await em.flush();
      expect(await fx.raw.count('val_members')).toBe(1);
    });
  },
  { validation: false },
);

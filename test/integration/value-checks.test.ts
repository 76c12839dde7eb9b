import { Column, DriverError, Entity, ManyToOne, PrimaryKey, ValidationError } from '../../src';
import { describeEachDialect, type Fixture } from '../support/dialect-fixture';

/** Issue 10: every value is checked against its column type before any SQL, the same on every dialect. */
@Entity({ table: 'checked' })
class Checked {
  @PrimaryKey() id!: number;
  @Column({ length: 255 }) s!: string;
  @Column({ type: 'string', length: 10, nullable: true }) t?: string | null;
  @Column({ type: 'int', nullable: true }) n?: number | null;
  @Column({ type: 'text', nullable: true }) body?: string | null;
  @Column({ type: 'bigint', nullable: true }) big?: string | number | bigint | null;
  @Column({ type: 'double', nullable: true }) real?: number | null;
  @Column({ type: 'decimal', precision: 6, scale: 2, nullable: true }) money?: string | number | null;
  @Column({ type: 'boolean', nullable: true }) flag?: boolean | null;
  @Column({ type: 'date', nullable: true }) day?: string | Date | null;
  @Column({ type: 'timestamp', nullable: true }) at?: Date | null;
  @Column({ type: 'json', nullable: true }) doc?: unknown;
  @Column({ type: 'uuid', nullable: true }) ref?: string | null;
  @Column({ type: 'enum', items: ['red', 'green'], nullable: true }) color?: string | null;
  @Column({ type: 'blob', nullable: true }) bytes?: Uint8Array | null;
}

@Entity({ table: 'checked_child' })
class Child {
  @PrimaryKey() id!: number;
  @ManyToOne(() => Checked, { nullable: true }) parent!: Checked | null;
}

type Property = Exclude<keyof Checked, 'id'>;

const circular: Record<string, unknown> = { a: 1 };
circular.self = circular;

/** Per property, values of the wrong type: each must be refused, whichever way it travels. */
const WRONG: readonly [Property, unknown][] = [
  ['s', ['a', 'b', 'c']],
  ['s', 'x'.repeat(300)],
  ['s', 42],
  ['s', { toString: () => 'x' }],
  ['t', '😀'.repeat(11)],
  ['n', 1.5],
  ['n', '5'],
  ['n', {}],
  ['n', [7]],
  ['n', Number.NaN],
  ['n', Number.POSITIVE_INFINITY],
  ['n', 2 ** 31],
  ['n', true],
  ['body', { text: 'x' }],
  ['big', 'abc'],
  ['big', '1e999'],
  ['big', 1.5],
  ['big', '9223372036854775808'],
  ['big', 2n ** 63n],
  ['big', 2 ** 53],
  ['real', Number.NaN],
  ['real', '1.5'],
  ['money', 'abc'],
  ['money', Number.POSITIVE_INFINITY],
  ['money', '12345.6'],
  ['flag', 'false'],
  ['flag', 0],
  ['day', 123],
  ['day', new Date(Number.NaN)],
  ['day', '2023-02-30'],
  ['day', 'not a date'],
  ['at', new Date('nope')],
  ['at', 123],
  ['at', '2024-01-01T00:00:00Z'],
  ['doc', circular],
  ['doc', { big: 1n }],
  ['doc', () => 1],
  ['ref', 'not-a-uuid'],
  ['ref', '0B9C2A4E-3F1D-4C5E-9A7B-1C2D3E4F5A6B'],
  ['color', 'blue'],
  ['bytes', 'bytes'],
  ['bytes', [1, 2]],
];

/** The ValidationError a call rejects with (failing the test if it resolves or throws anything else). */
async function refused(run: () => unknown): Promise<ValidationError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

function expectNamed(error: ValidationError, entity: string, property: string): void {
  expect(error.message).toContain(`${entity}.${property}:`);
  expect(error.message).toContain('expected');
  // A huge value is described, never echoed.
  expect(error.message.length).toBeLessThan(300);
}

const label = (property: Property, value: unknown) => `${property} = ${typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : String(typeof value)}`;

describeEachDialect([Checked, Child], (fx: Fixture) => {
  test('the defect cases: a body with arrays for scalars, a 300-character string, "false", 1.5, 123, circular JSON', async () => {
    const em = fx.orm.em.fork();
    const body = em.create(Checked, JSON.parse('{"s":["a","b","c"],"t":["x","y","z"],"n":7}'));
    expectNamed(await refused(() => em.flush()), 'Checked', 's');
    expect(fx.queries).toEqual([]);
    body.s = 'abc';
    expectNamed(await refused(() => em.flush()), 'Checked', 't');
    body.t = 'xyz';
    await em.flush();
    expect(await fx.raw.count('checked')).toBe(1);

    const long = em.create(Checked, { s: 'x'.repeat(300) });
    const error = await refused(() => em.flush());
    expect(error.message).toBe('Invalid value for Checked.s: expected a string of at most 255 characters, got a string of 300 characters.');
    long.s = 'x'.repeat(255);
    await em.flush();
    expect((await fx.raw.rows('checked')).map((r) => String(r.s).length)).toEqual([3, 255]);

    const messages: string[] = [];
    for (const [property, value] of [['flag', 'false'], ['n', 1.5], ['day', 123], ['at', new Date('x')], ['doc', circular], ['big', '1e999']] as const) {
      const fresh = fx.orm.em.fork();
      fresh.create(Checked, { s: 'ok', [property]: value });
      messages.push((await refused(() => fresh.flush())).message);
    }
    expect(messages).toEqual([
      'Invalid value for Checked.flag: expected true or false, got the string "false".',
      'Invalid value for Checked.n: expected an integer number from -2147483648 to 2147483647, got the number 1.5.',
      "Invalid value for Checked.day: expected a 'YYYY-MM-DD' string or a valid Date (years 1 to 9999), got the number 123.",
      'Invalid value for Checked.at: expected a valid Date (years 1 to 9999), got an invalid Date.',
      'Invalid value for Checked.doc: expected a JSON-serialisable value (no cycle, no BigInt), got an object.',
      'Invalid value for Checked.big: expected a 64-bit integer: a bigint, a safe integer number or a string of digits, got the string "1e999".',
    ]);
    expect(await fx.raw.count('checked')).toBe(2);
  });

  test('create + flush: every wrong value is refused before any SQL, nothing is written, the entity stays pending', async () => {
    for (const [property, value] of WRONG) {
      const em = fx.orm.em.fork();
      const entity = em.create(Checked, { s: 'ok', [property]: value });
      fx.queries.length = 0;
      expectNamed(await refused(() => em.flush()), 'Checked', property);
      expect({ case: label(property, value), sent: fx.queries.map((q) => q.sql) }).toEqual({ case: label(property, value), sent: [] });
    }
    expect(await fx.raw.count('checked')).toBe(0);

    // The entity keeps its pending state: corrected, it flushes.
    const em = fx.orm.em.fork();
    const entity = em.create(Checked, { s: 'ok', n: 1.5 });
    await refused(() => em.flush());
    entity.n = 2;
    await em.flush();
    expect((await fx.raw.rows('checked')).map((r) => Number(r.n))).toEqual([2]);
  });

  test('update + flush: a wrong value in a changed column is refused, the row and the change stay', async () => {
    const seed = fx.orm.em.fork();
    const seeded = seed.create(Checked, { s: 'ok', n: 1 });
    await seed.flush();
    const { id } = seeded;
    const before = await fx.raw.rows('checked');
    for (const [property, value] of WRONG) {
      const em = fx.orm.em.fork();
      const entity = await em.findOneOrFail(Checked, id);
      (entity as unknown as Record<string, unknown>)[property] = value;
      fx.queries.length = 0;
      expectNamed(await refused(() => em.flush()), 'Checked', property);
      expect({ case: label(property, value), sent: fx.queries.map((q) => q.sql) }).toEqual({ case: label(property, value), sent: [] });
    }
    expect(await fx.raw.rows('checked')).toEqual(before);

    const em = fx.orm.em.fork();
    const entity = await em.findOneOrFail(Checked, id);
    entity.s = ['p', 'q'] as never;
    await refused(() => em.flush());
    entity.s = 'pq';
    await em.flush();
    expect((await fx.raw.rows('checked')).map((r) => r.s)).toEqual(['pq']);
  });

  test('filters: a wrong value as a value, in $eq, $in, count, the query builder and a relation filter', async () => {
    const em = fx.orm.em.fork();
    em.create(Checked, { s: 'ok', n: 1 });
    await em.flush();
    fx.queries.length = 0;
    for (const [property, value] of WRONG) {
      if (property === 'doc') continue; // a JSON column takes no equality filter (a QueryError of its own)
      const q = fx.orm.em.fork();
      // As a bare filter value, an array is an $in list and a plain object an operator map (a QueryError of its own).
      const bare = !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;
      const checks: (() => unknown)[] = [
        bare ? () => q.find(Checked, { [property]: value }) : () => q.find(Checked, { [property]: [value] }),
        () => q.findOne(Checked, { [property]: { $eq: value } }),
        () => q.count(Checked, { [property]: { $in: [null, value] } }),
        () => q.qb(Checked).where({ [property]: { $ne: value } }).execute(),
        () => q.find(Child, { parent: { [property]: { $gte: value } } }),
      ];
      for (const [i, check] of checks.entries()) {
        const error = await refused(check).catch((e: Error) => new Error(`${label(property, value)}, filter ${i}: ${e.message}`));
        expectNamed(error as ValidationError, 'Checked', property);
      }
    }
    expectNamed(await refused(() => em.find(Checked, { n: { $eq: {} } } as never)), 'Checked', 'n');
    expect(fx.queries).toEqual([]);
  });

  test('keys: findOne, getReference and foreign keys refuse a key of the wrong type', async () => {
    const em = fx.orm.em.fork();
    const row = em.create(Checked, { s: 'one' });
    em.create(Checked, { s: 'two' });
    await em.flush();
    fx.queries.length = 0;
    const q = fx.orm.em.fork();
    expect((await refused(() => q.findOne(Checked, '1 or 1=1' as never))).message).toBe(
      'Invalid value for Checked.id: expected an integer number from -2147483648 to 2147483647, got the string "1 or 1=1".',
    );
    expectNamed(await refused(() => q.findOne(Checked, 1.5 as never)), 'Checked', 'id');
    expectNamed(await refused(() => q.findOne(Checked, { id: { $in: [1, '2'] } } as never)), 'Checked', 'id');
    expectNamed(await refused(() => q.getReference(Checked, '1' as never)), 'Checked', 'id');
    expectNamed(await refused(() => q.find(Child, { parent: '1 or 1=1' } as never)), 'Child', 'parent');
    expectNamed(await refused(() => q.find(Child, { parent: { $in: [row, new Date()] } } as never)), 'Child', 'parent');
    expect(fx.queries).toEqual([]);

    const child = q.create(Child, { parent: '1' as never });
    expectNamed(await refused(() => q.flush()), 'Child', 'parent');
    child.parent = q.getReference(Checked, row.id);
    await q.flush();
    expect((await fx.raw.rows('checked_child')).map((r) => Number(r.parent_id))).toEqual([row.id]);
  });

  test('query builder writes: insert, update and upsert values are checked', async () => {
    const em = fx.orm.em.fork();
    em.create(Checked, { s: 'ok' });
    await em.flush();
    fx.queries.length = 0;
    for (const [property, value] of WRONG) {
      const q = fx.orm.em.fork();
      expectNamed(await refused(() => q.qb(Checked).insert({ s: 'x', [property]: value }).execute()), 'Checked', property);
      expectNamed(await refused(() => q.qb(Checked).update({ [property]: value }).where({ s: 'ok' }).execute()), 'Checked', property);
      expectNamed(
        await refused(() => q.qb(Checked).insert([{ id: 1, s: 'y', [property]: null }, { id: 2, s: 'y', [property]: value }]).onConflict(['id']).merge(['s']).execute()),
        'Checked',
        property,
      );
    }
    expect(fx.queries).toEqual([]);
    expect((await fx.raw.rows('checked')).map((r) => r.s)).toEqual(['ok']);
  });

  test('every valid form of a value is accepted and round-trips as its JS form', async () => {
    const em = fx.orm.em.fork();
    const emoji = '😀'.repeat(10);
    const forms: [Partial<Checked>, Partial<Checked>][] = [
      [{ t: emoji, big: 12n, money: 12.5, day: new Date('2024-02-29T00:00:00Z'), bytes: new Uint8Array([1, 2, 255]) }, { t: emoji, big: '12', money: '12.50', day: '2024-02-29' }],
      [{ big: 9007199254740991, money: '-9999.99', day: '0001-01-01', flag: false, real: -0.5 }, { big: '9007199254740991', money: '-9999.99', day: '0001-01-01', flag: false, real: -0.5 }],
      [{ big: '-9223372036854775808', money: '0.5', at: new Date('9999-12-31T23:59:59.999Z'), doc: [null, 'x'] }, { big: '-9223372036854775808', money: '0.50', doc: [null, 'x'] }],
      [{ big: '9223372036854775807', n: -2147483648, ref: '0b9c2a4e-3f1d-4c5e-9a7b-1c2d3e4f5a6b', color: 'green', body: 'x'.repeat(1000) }, { big: '9223372036854775807' }],
    ];
    const rows = forms.map(([written]) => em.create(Checked, { s: 'ok', ...written }));
    await em.flush();
    const fresh = fx.orm.em.fork();
    for (const [i, [written, read]] of forms.entries()) {
      const loaded = await fresh.findOneOrFail(Checked, rows[i].id);
      const expected: Record<string, unknown> = { ...written, ...read };
      if (written.bytes) expected.bytes = Buffer.from(written.bytes);
      for (const [key, value] of Object.entries(expected)) expect({ key, value: (loaded as unknown as Record<string, unknown>)[key] }).toEqual({ key, value });
    }
    // The accepted forms also filter.
    expect(await fresh.count(Checked, { big: { $in: [12n, 9007199254740991, '-9223372036854775808'] }, money: { $gte: -9999.99 } })).toBe(3);
    expect(await fresh.count(Checked, { day: new Date('2024-02-29T00:00:00Z') })).toBe(1);
  });
});

/** A database column narrower than its metadata says (a schema out of step): the database refuses, never truncates. */
@Entity({ table: 'narrowed' })
class Narrowed {
  @PrimaryKey() id!: number;
  @Column({ length: 255 }) s!: string;
}

describeEachDialect(
  [Narrowed],
  (fx: Fixture) => {
    test('a batch never truncates: its casts name no length, and a value too long for the real column is an error', async () => {
      await fx.raw.exec(fx.dialect === 'postgres' ? 'alter table narrowed alter column s type varchar(5)' : 'alter table narrowed modify s varchar(5) not null');
      const em = fx.orm.em.fork();
      em.create(Narrowed, { s: 'x'.repeat(10) });
      em.create(Narrowed, { s: 'y'.repeat(10) });
      await expect(em.flush()).rejects.toBeInstanceOf(DriverError);
      expect(await fx.raw.count('narrowed')).toBe(0);
      // PostgreSQL: an explicit cast to varchar(n)[] would truncate silently, so the batch's cast names no length.
      if (fx.dialect === 'postgres') expect(fx.sent('insert')[0].sql).toContain('as varchar[]');

      const ok = fx.orm.em.fork();
      const rows = [ok.create(Narrowed, { s: 'a' }), ok.create(Narrowed, { s: 'b' })];
      await ok.flush();
      for (const row of rows) row.s = 'z'.repeat(10);
      await expect(ok.flush()).rejects.toBeInstanceOf(DriverError);
      expect((await fx.raw.rows('narrowed')).map((r) => r.s)).toEqual(['a', 'b']);
      if (fx.dialect === 'postgres') expect(fx.sent('update').at(-1)?.sql).toContain('as varchar[]');
    });
  },
  { dialects: ['postgres', 'mariadb'] },
);

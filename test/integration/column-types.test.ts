import { Column, Entity, PrimaryKey } from '../../src';
import { describeEachDialect } from '../support/dialect-fixture';

enum Mood {
  Happy = 'happy',
  Sad = 'sad',
}

@Entity({ table: 'every_type' })
class EveryType {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Column({ length: 20 }) short!: string;
  @Column({ type: 'text' }) long!: string;
  @Column({ type: 'int' }) int!: number;
  @Column({ type: 'bigint' }) big!: string;
  @Column({ type: 'float' }) float!: number;
  @Column({ type: 'double' }) double!: number;
  @Column({ type: 'decimal', precision: 12, scale: 2 }) money!: string;
  @Column() flag!: boolean;
  @Column({ type: 'date' }) day!: string;
  @Column({ type: 'timestamp' }) at!: Date;
  @Column({ type: 'json' }) doc!: unknown;
  @Column({ type: 'uuid' }) ref!: string;
  @Column({ type: 'enum', items: Object.values(Mood) }) mood!: Mood;
  @Column({ type: 'blob' }) bytes!: Buffer;
  @Column({ type: 'int', nullable: true }) maybe!: number | null;
}

const BIG = '9007199254740993'; // 2^53 + 1: not representable as a JS number

function sample(overrides: Partial<EveryType> = {}): Partial<EveryType> {
  return {
    short: 'héllo ✓',
    long: 'x'.repeat(5000),
    int: -2147483648,
    big: BIG,
    float: 1.5,
    double: Math.PI,
    money: '1234567890.12',
    flag: true,
    day: '2024-02-29',
    at: new Date('2024-03-10T01:02:03.456Z'),
    doc: { nested: { list: [1, 'two', null, true], unicode: 'ü€😀' }, empty: [] },
    ref: '0b9c2a4e-3f1d-4c5e-9a7b-1c2d3e4f5a6b',
    mood: Mood.Sad,
    bytes: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    maybe: null,
    ...overrides,
  };
}

describeEachDialect([EveryType], (fx) => {
  test('every column type round-trips exactly', async () => {
    const em = fx.orm.em.fork();
    const written = em.create(EveryType, sample());
    await em.flush();
    const read = await fx.orm.em.fork().findOneOrFail(EveryType, written.id);
    expect(read).not.toBe(written);
    expect({ ...read }).toEqual({ ...written });
    expect(read.at).toBeInstanceOf(Date);
    expect(read.at.toISOString()).toBe('2024-03-10T01:02:03.456Z');
    expect(Buffer.isBuffer(read.bytes)).toBe(true);
    expect(read.big).toBe(BIG);
    expect(typeof read.flag).toBe('boolean');
    expect(typeof read.int).toBe('number');
  });

  test('a timestamp is stored as the same instant whatever the time zone of the process', async () => {
    const em = fx.orm.em.fork();
    const row = em.create(EveryType, sample());
    await em.flush();
    const [raw] = await fx.raw.rows('every_type');
    const stored = raw.at instanceof Date ? raw.at : new Date(String(raw.at));
    expect(stored.getTime()).toBe(row.at.getTime());
  });

  test('JSON holding a bare string, an array or null survives', async () => {
    const em = fx.orm.em.fork();
    const values = ['just a string', [1, 2, 3], 42, false];
    const rows = values.map((doc) => em.create(EveryType, sample({ doc })));
    await em.flush();
    const fresh = fx.orm.em.fork();
    for (const [i, row] of rows.entries()) expect((await fresh.findOneOrFail(EveryType, row.id)).doc).toEqual(values[i]);
  });

  test('filters convert values per type: bigint, boolean, date, timestamp, enum, decimal', async () => {
    const em = fx.orm.em.fork();
    em.create(EveryType, sample({ big: '10', flag: false, day: '2024-01-01', at: new Date('2024-01-01T00:00:00Z'), mood: Mood.Happy, money: '5.00' }));
    em.create(EveryType, sample({ big: BIG, flag: true, day: '2024-06-30', at: new Date('2024-06-30T12:00:00Z'), mood: Mood.Sad, money: '500.25' }));
    await em.flush();
    const q = fx.orm.em.fork();
    const pick = async (where: object) => (await q.find(EveryType, where as never)).map((r) => r.big).sort();
    expect(await pick({ big: { $gt: '9007199254740992' } })).toEqual([BIG]);
    expect(await pick({ flag: true })).toEqual([BIG]);
    expect(await pick({ flag: false })).toEqual(['10']);
    expect(await pick({ day: { $lt: '2024-03-01' } })).toEqual(['10']);
    expect(await pick({ at: { $gte: new Date('2024-06-01T00:00:00Z') } })).toEqual([BIG]);
    expect(await pick({ mood: { $in: [Mood.Happy] } })).toEqual(['10']);
    expect(await pick({ money: { $gt: '100' } })).toEqual([BIG]);
    expect(await pick({ maybe: null })).toEqual(['10', BIG].sort());
  });

  test('a value changed in place in a Buffer or a Date is flushed', async () => {
    const em = fx.orm.em.fork();
    const row = em.create(EveryType, sample());
    await em.flush();
    row.bytes[0] = 255;
    row.at.setUTCFullYear(2030);
    await em.flush();
    const fresh = await fx.orm.em.fork().findOneOrFail(EveryType, row.id);
    expect(fresh.bytes[0]).toBe(255);
    expect(fresh.at.getUTCFullYear()).toBe(2030);
  });
});

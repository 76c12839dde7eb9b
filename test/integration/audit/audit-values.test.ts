import { Audited, Column, Entity, PrimaryKey } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';

enum Mood {
  Happy = 'happy',
  Sad = 'sad',
}

/** Every column type, audited. */
@Entity({ table: 'av_things' })
@Audited()
class Thing {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Column() name!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'int' }) count!: number;
  @Column({ type: 'bigint' }) big!: string;
  @Column({ type: 'float' }) ratio!: number;
  @Column({ type: 'double' }) precise!: number;
  @Column({ type: 'decimal', precision: 12, scale: 2 }) money!: string;
  @Column() flag!: boolean;
  @Column({ type: 'date' }) day!: string;
  @Column({ type: 'timestamp' }) at!: Date;
  @Column({ type: 'json' }) doc!: unknown;
  @Column({ type: 'uuid' }) ref!: string;
  @Column({ type: 'enum', items: Object.values(Mood) }) mood!: Mood;
  @Column({ type: 'blob' }) bytes!: Buffer;
  @Column({ type: 'int', nullable: true }) maybe: number | null = null;
}

const FIRST = {
  name: 'Ada',
  body: 'a "quoted" \\ text',
  count: 7,
  big: '9007199254740993',
  ratio: 1.5,
  precise: 0.1,
  money: '12.50',
  flag: true,
  day: '2024-02-29',
  at: new Date('2024-01-02T03:04:05.678Z'),
  doc: { tags: ['a', 'b'], n: 1, nested: { ok: true } },
  ref: '8f14e45f-ceea-467f-a0e6-b7a5e9d8b1c2',
  mood: Mood.Happy,
  bytes: Buffer.from([0, 1, 2, 250, 255]),
};

describeEachDialect([Thing], (fx) => {
  test('every column type comes back from history() in the JSON-safe form, on insert, update and delete', async () => {
    const em = fx.orm.em.fork();
    const thing = em.create(Thing, { ...FIRST });
    await em.flush();

    // Changed through a fresh load, so the old values are the ones read back from the database.
    const em2 = fx.orm.em.fork();
    const loaded = await em2.findOneOrFail(Thing, thing.id);
    Object.assign(loaded, {
      name: 'Grace',
      body: 'ü ✓',
      count: -3,
      big: '-9223372036854775808',
      ratio: 2.25,
      precise: 1e-10,
      money: '0.05',
      flag: false,
      day: '1999-12-31',
      at: new Date('2025-06-07T08:09:10.011Z'),
      doc: ['x', null, 2],
      ref: '00000000-0000-4000-8000-000000000000',
      mood: Mood.Sad,
      bytes: Buffer.from('hi'),
      maybe: 4,
    });
    await em2.flush();
    em2.remove(loaded);
    await em2.flush();

    const [insert, update, remove] = await fx.orm.audit.history(Thing, thing.id);
    const first = {
      name: 'Ada',
      body: 'a "quoted" \\ text',
      count: 7,
      big: '9007199254740993',
      ratio: 1.5,
      precise: 0.1,
      money: '12.50',
      flag: true,
      day: '2024-02-29',
      at: '2024-01-02T03:04:05.678Z',
      doc: { tags: ['a', 'b'], n: 1, nested: { ok: true } },
      ref: '8f14e45f-ceea-467f-a0e6-b7a5e9d8b1c2',
      mood: 'happy',
      bytes: 'AAEC+v8=',
      maybe: null,
    };
    const second = {
      name: 'Grace',
      body: 'ü ✓',
      count: -3,
      big: '-9223372036854775808',
      ratio: 2.25,
      precise: 1e-10,
      money: '0.05',
      flag: false,
      day: '1999-12-31',
      at: '2025-06-07T08:09:10.011Z',
      doc: ['x', null, 2],
      ref: '00000000-0000-4000-8000-000000000000',
      mood: 'sad',
      bytes: 'aGk=',
      maybe: 4,
    };
    const pairs = (from: Record<string, unknown> | null, to: Record<string, unknown> | null) =>
      Object.fromEntries(Object.keys((from ?? to)!).map((k) => [k, [from ? from[k] : null, to ? to[k] : null]]));
    expect(insert.changes).toEqual(pairs(null, first));
    expect(update.changes).toEqual(pairs(first, second));
    expect(remove.changes).toEqual(pairs(second, null));
    expect([insert.operation, update.operation, remove.operation]).toEqual(['insert', 'update', 'delete']);
  });
});

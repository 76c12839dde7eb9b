import { Column, Entity, ManyToOne, PrimaryKey } from '../../src';

/** Every portable column type, nullable twins included, for backup round trips. */
@Entity({ table: 'bk_kitchen' })
export class Kitchen {
  @PrimaryKey() id!: number;
  @Column({ length: 40 }) short!: string;
  @Column({ type: 'text', nullable: true }) long: string | null = null;
  @Column({ type: 'int' }) int!: number;
  @Column({ type: 'bigint' }) big!: string;
  @Column({ type: 'float' }) float!: number;
  @Column({ type: 'double' }) double!: number;
  @Column({ type: 'decimal', precision: 14, scale: 4 }) money!: string;
  @Column() flag!: boolean;
  @Column({ type: 'date' }) day!: string;
  @Column({ type: 'timestamp' }) at!: Date;
  @Column({ type: 'json', nullable: true }) doc: unknown = null;
  @Column({ type: 'uuid' }) ref!: string;
  @Column({ type: 'enum', items: ['happy', 'sad'] }) mood!: 'happy' | 'sad';
  @Column({ type: 'blob', nullable: true }) bytes: Buffer | null = null;
  @Column({ type: 'timestamp', nullable: true }) maybeAt: Date | null = null;
  @Column({ type: 'boolean', nullable: true }) maybeFlag: boolean | null = null;
}

/** A team and its people reference each other (a cycle), and a person references a person (a self-reference). */
@Entity({ table: 'bk_team' })
export class Team {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @ManyToOne(() => Person, { nullable: true }) lead: Person | null = null;
}

@Entity({ table: 'bk_person' })
export class Person {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @ManyToOne(() => Person, { nullable: true }) manager: Person | null = null;
  @ManyToOne(() => Team, { nullable: true }) team: Team | null = null;
}

export const BACKUP_ENTITIES = [Kitchen, Team, Person];

const BIG = '9007199254740993'; // 2^53 + 1

/** Rows that cover every type's edges: unicode, a big bigint, ms timestamps, bytes 0..255, JSON of each kind, NULLs. */
export function kitchenRows(): Partial<Kitchen>[] {
  const base = {
    short: 'héllo ✓ 😀',
    int: -2147483648,
    big: BIG,
    float: 1.5,
    double: Math.PI,
    money: '1234567890.1234',
    flag: true,
    day: '2024-02-29',
    at: new Date('2024-03-10T01:02:03.456Z'),
    ref: '0b9c2a4e-3f1d-4c5e-9a7b-1c2d3e4f5a6b',
    mood: 'sad' as const,
  };
  return [
    // JSON keys in jsonb's order (shorter first), so that PostgreSQL keeps them as written.
    { ...base, long: 'x'.repeat(3000), doc: { a: 1, bb: [1, 'two', null, true], ccc: { d: 'ü€😀' } }, bytes: Buffer.from(Array.from({ length: 256 }, (_, i) => i)), maybeAt: new Date('1999-12-31T23:59:59.999Z'), maybeFlag: false },
    { ...base, short: "it's \"quoted\"\n\\ tab\t", int: 0, big: '-9223372036854775808', float: -0.25, double: 1e-300, money: '-0.0001', flag: false, day: '1970-01-01', at: new Date(0), doc: 'just a string', mood: 'happy' },
    { ...base, int: 2147483647, big: '9223372036854775807', double: -1.7976931348623157e308, money: '0.0000', doc: [1, 2, 3], bytes: Buffer.alloc(0) },
    { ...base, doc: 42 },
    { ...base, doc: null, long: '' },
  ];
}

import { Collection, Column, DatabaseSchema, Entity, Index, ManyToMany, ManyToOne, OneToMany, PrimaryKey, Unique, Version } from '../../src';
import { describeEachDialect } from '../support/dialect-fixture';
import { schemaShape } from '../support/schema-shape';

enum Mood {
  Happy = 'happy',
  Sad = 'sad',
}

enum Priority {
  Low = 1,
  High = 3,
}

@Entity({ table: 'rt_category' })
class Category {
  @PrimaryKey() id!: number;
  @Column({ length: 40, unique: true }) slug!: string;
  @OneToMany(() => Item, (i) => i.category) items = new Collection<Item>(this);
}

@Entity({ table: 'rt_label' })
class Label {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @ManyToMany(() => Item, (i) => i.labels) items = new Collection<Item>(this);
}

/** Every column type, defaults that are easy to get wrong, a composite and a composite unique index, FKs with actions, a self-reference. */
@Index({ properties: ['lastName', 'firstName'] })
@Unique({ properties: ['code', 'lastName'] })
@Entity({ table: 'rt_item' })
class Item {
  @PrimaryKey({ type: 'bigint' }) id!: string;
  @Column({ length: 20, default: "O'Brien \\ Co" }) lastName!: string;
  @Column({ type: 'string', length: 30, nullable: true }) firstName!: string | null;
  @Column({ length: 8, unique: true }) code!: string;
  @Column({ type: 'text', default: "it's" }) body!: string;
  @Column({ type: 'int', default: -1 }) count!: number;
  @Column({ type: 'bigint', nullable: true, default: '9007199254740993' }) big!: string | null;
  @Column({ type: 'float', default: 1.5 }) ratio!: number;
  @Column({ type: 'double', nullable: true }) precise!: number | null;
  @Column({ type: 'decimal', precision: 12, scale: 2, default: '10.50' }) money!: string;
  @Column({ default: false }) flag!: boolean;
  @Column({ type: 'date', default: '2024-02-29' }) day!: string;
  @Column({ type: 'timestamp', nullable: true }) at!: Date | null;
  @Column({ type: 'json', nullable: true }) doc!: unknown;
  @Column({ type: 'uuid', nullable: true }) ref!: string | null;
  @Column({ type: 'enum', items: Object.values(Mood), default: Mood.Sad }) mood!: Mood;
  @Column({ type: 'enum', items: [Priority.Low, Priority.High], default: Priority.High }) priority!: Priority;
  @Column({ type: 'blob', nullable: true }) bytes!: Buffer | null;
  @Version() version!: number;
  @ManyToOne(() => Category, { onDelete: 'cascade' }) category!: Category;
  @ManyToOne(() => Item, { nullable: true, onDelete: 'set null' }) parent: Item | null = null;
  @ManyToMany(() => Label, (l) => l.items, { owner: true }) labels = new Collection<Label>(this);
}

describeEachDialect([Category, Label, Item], (fx) => {
  test('create → introspect → diff is empty: no churn for any type, default, index, key or pivot', async () => {
    expect(await fx.orm.schema.diff()).toEqual([]);
    expect(await fx.orm.schema.diffSql()).toEqual([]);
  });

  test('the target the entities describe reads exactly like the live schema', async () => {
    const live = await fx.orm.schema.introspect();
    const target = fx.orm.schema.target();

    expect(target.tables.map((t) => t.name)).toEqual(['item_labels', 'rt_category', 'rt_item', 'rt_label']);
    expect(schemaShape(live, target)).toEqual(schemaShape(target));
    const item = DatabaseSchema.table(live, 'rt_item');
    expect(item?.foreignKeys.map((fk) => [fk.referencedTable, fk.onDelete])).toEqual([
      ['rt_category', 'cascade'],
      ['rt_item', 'set null'],
    ]);
  });

  test('a second create on the same entities is refused by the database, a diff after update is still empty', async () => {
    await expect(fx.orm.schema.create()).rejects.toThrow();
    expect(await fx.orm.schema.update()).toEqual([]);
    expect(await fx.orm.schema.diff()).toEqual([]);
  });
});

const LONG = 'a_table_name_long_enough_that_postgresql_cuts_its_keys';

@Entity({ table: `${LONG}_parent` })
class LongParent {
  @PrimaryKey() id!: number;
}

@Entity({ table: `${LONG}_child` })
class LongChild {
  @PrimaryKey() id!: number;
  @Column({ length: 20, unique: true }) someRatherLongColumnName!: string;
  @ManyToOne(() => LongParent) parent!: LongParent;
}

describeEachDialect(
  [LongParent, LongChild],
  (fx) => {
    test('names longer than 63 bytes are cut as the server cuts them, so they cause no churn', async () => {
      const live = await fx.orm.schema.introspect();
      const child = DatabaseSchema.table(live, `${LONG}_child`);
      expect(child?.primaryKey?.name).toBe(`${LONG}_child`.slice(0, 58) + '_pkey');
      expect(child?.indexes.every((i) => Buffer.byteLength(i.name) === 63)).toBe(true);
      expect(await fx.orm.schema.diff()).toEqual([]);
    });
  },
  // MySQL refuses names over 64 characters instead of cutting them; SQLite keeps any length.
  { dialects: ['postgres'] },
);

import { Column, DatabaseSchema, DestructiveChangeError, Entity, ManyToOne, Orm, PrimaryKey } from '../../src';
import { describeEachDialect, withOrm } from '../support/dialect-fixture';

@Entity({ table: 'sf_owner' })
class Owner {
  @PrimaryKey() id!: number;
  @Column({ length: 40 }) name!: string;
}

@Entity({ table: 'sf_pet' })
class Pet {
  @PrimaryKey() id!: number;
  @Column({ length: 50 }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true }) nick!: string | null;
  @ManyToOne(() => Owner, { onDelete: 'cascade' }) owner!: Owner;
}

/** nick dropped */
@Entity({ table: 'sf_pet' })
class PetWithoutNick {
  @PrimaryKey() id!: number;
  @Column({ length: 50 }) name!: string;
  @ManyToOne(() => Owner, { onDelete: 'cascade' }) owner!: Owner;
}

/** name cut to 10 characters */
@Entity({ table: 'sf_pet' })
class PetShortName {
  @PrimaryKey() id!: number;
  @Column({ length: 10 }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true }) nick!: string | null;
  @ManyToOne(() => Owner, { onDelete: 'cascade' }) owner!: Owner;
}

/** nick made NOT NULL without a default */
@Entity({ table: 'sf_pet' })
class PetRequiredNick {
  @PrimaryKey() id!: number;
  @Column({ length: 50 }) name!: string;
  @Column({ type: 'string', length: 30 }) nick!: string;
  @ManyToOne(() => Owner, { onDelete: 'cascade' }) owner!: Owner;
}

/** a NOT NULL column without a default added */
@Entity({ table: 'sf_pet' })
class PetWithAge {
  @PrimaryKey() id!: number;
  @Column({ length: 50 }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true }) nick!: string | null;
  @Column({ type: 'int' }) age!: number;
  @ManyToOne(() => Owner, { onDelete: 'cascade' }) owner!: Owner;
}

/** the owner's name widened: the table other rows reference changes */
@Entity({ table: 'sf_owner' })
class OwnerLongName {
  @PrimaryKey() id!: number;
  @Column({ type: 'text', default: 'anonymous' }) name!: string;
}

@Entity({ table: 'sf_pet' })
class PetOfLongOwner {
  @PrimaryKey() id!: number;
  @Column({ length: 50 }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true }) nick!: string | null;
  @ManyToOne(() => OwnerLongName, { onDelete: 'cascade' }) owner!: OwnerLongName;
}

// A driver error thrown in a jest worker may come from another module registry's Error class, which toThrow does
// not recognise; its message is what matters.
const FOREIGN_KEY_FAILURE = { message: expect.stringMatching(/foreign key/i) };

describeEachDialect([Owner, Pet], (fx) => {
  const refused = async (orm: Orm): Promise<DestructiveChangeError> => {
    const error = await orm.schema.update().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DestructiveChangeError);
    return error as DestructiveChangeError;
  };
  const seed = async (nick: string | null) => {
    const em = fx.orm.em.fork();
    const owner = em.create(Owner, { name: 'Ann' });
    em.create(Pet, { name: 'Rex the very good dog', nick, owner });
    await em.flush();
  };
  const columns = async (table: string) => (await fx.orm.schema.introspect()).tables.find((t) => t.name === table)?.columns.map((c) => c.name);

  test('dropping a column is refused without force and names the column; nothing changes; force drops it', async () => {
    await seed('rexy');
    await withOrm(fx, [Owner, PetWithoutNick], async (orm) => {
      const error = await refused(orm);
      expect(error.changes.map((c) => [c.reason, c.table, c.column])).toEqual([['drop column', 'sf_pet', 'nick']]);
      expect(error.message).toContain('drop column sf_pet.nick');
      expect(await columns('sf_pet')).toEqual(['id', 'name', 'nick', 'owner_id']);

      await orm.schema.update({ force: true });
      expect(await columns('sf_pet')).toEqual(['id', 'name', 'owner_id']);
      expect((await fx.raw.rows('sf_pet')).map((r) => r.name)).toEqual(['Rex the very good dog']);
    });
  });

  test('a narrowed type is destructive', async () => {
    await withOrm(fx, [Owner, PetShortName], async (orm) => {
      const error = await refused(orm);
      expect(error.changes.map((c) => [c.reason, c.column])).toEqual([['type narrowing', 'name']]);
      expect(error.changes[0].message).toBe('alter column sf_pet.name from string(50) to string(10) (values may be cut or refused)');
    });
  });

  test('NOT NULL without a default is destructive only where the column holds NULLs', async () => {
    await seed('rexy');
    await withOrm(fx, [Owner, PetRequiredNick], async (orm) => {
      expect(await orm.schema.destructiveChanges(await orm.schema.diff())).toEqual([]);
      await orm.schema.update();
    });
    await fx.orm.schema.drop();
    await fx.orm.schema.create();
    await seed(null);
    await withOrm(fx, [Owner, PetRequiredNick], async (orm) => {
      const error = await refused(orm);
      expect(error.changes.map((c) => [c.reason, c.column])).toEqual([['not null without default', 'nick']]);
    });
  });

  test('adding a NOT NULL column without a default is destructive only on a table with rows', async () => {
    await withOrm(fx, [Owner, PetWithAge], async (orm) => {
      expect(await orm.schema.destructiveChanges(await orm.schema.diff())).toEqual([]);
    });
    await seed('rexy');
    await withOrm(fx, [Owner, PetWithAge], async (orm) => {
      const error = await refused(orm);
      expect(error.changes.map((c) => [c.reason, c.column])).toEqual([['not null without default', 'age']]);
    });
  });

  test('tables the entities do not have are left alone, or dropped (destructively) with dropTables', async () => {
    await withOrm(fx, [Owner], async (orm) => {
      expect(await orm.schema.diff()).toEqual([]);
      const operations = await orm.schema.diff({ dropTables: true });
      const pet = operations.filter((op) => 'table' in op && (op.table === 'sf_pet' || (typeof op.table === 'object' && op.table.name === 'sf_pet')));
      expect(pet.map((op) => op.kind)).toEqual(['dropForeignKey', 'dropTable']);
      expect((await orm.schema.destructiveChanges(pet)).map((c) => c.message)).toEqual(['drop table sf_pet (its rows are lost)']);
    });
  });

  test('a table other rows reference is altered (SQLite rebuilds it) without losing, orphaning or cascading rows', async () => {
    await seed('rexy');
    await withOrm(fx, [OwnerLongName, PetOfLongOwner], async (orm) => {
      expect((await orm.schema.update()).map((op) => op.kind)).toEqual(['alterColumn']);
      expect(await orm.schema.diff()).toEqual([]);
    });
    expect((await fx.raw.rows('sf_owner')).map((r) => r.name)).toEqual(['Ann']);
    const [pet] = await fx.raw.rows('sf_pet');
    expect(pet.name).toBe('Rex the very good dog');
    // The key still holds and still cascades.
    await expect(fx.raw.exec("insert into sf_pet (name, owner_id) values ('Ghost', 999)")).rejects.toMatchObject(FOREIGN_KEY_FAILURE);
    await fx.raw.exec(`delete from sf_owner where id = ${Number(pet.owner_id)}`);
    expect(await fx.raw.count('sf_pet')).toBe(0);
  });
});

/** a second key to the owner: a new column, its index and its foreign key on a table that may hold rows */
@Entity({ table: 'sf_pet' })
class PetWithSitter {
  @PrimaryKey() id!: number;
  @Column({ length: 50 }) name!: string;
  @Column({ type: 'string', length: 30, nullable: true }) nick!: string | null;
  @ManyToOne(() => Owner, { onDelete: 'cascade' }) owner!: Owner;
  @ManyToOne(() => Owner, { nullable: true }) sitter: Owner | null = null;
}

describeEachDialect(
  [Owner, Pet],
  (fx) => {
    test('on an existing table an index is built concurrently outside the transaction, a foreign key added not valid then validated', async () => {
      const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Owner, PetWithSitter], pool: { min: 0, max: 2 } });
      try {
        const live = await orm.schema.introspect();
        const statements = orm.dialect.schema!.render(await orm.schema.diff(), live);
        expect(statements).toEqual([
          { sql: 'alter table "sf_pet" add column "sitter_id" integer' },
          { sql: 'create index concurrently "sf_pet_sitter_id_index" on "sf_pet" ("sitter_id")', outsideTransaction: true },
          { sql: 'alter table "sf_pet" add constraint "sf_pet_sitter_id_foreign" foreign key ("sitter_id") references "sf_owner" ("id") not valid' },
          { sql: 'alter table "sf_pet" validate constraint "sf_pet_sitter_id_foreign"' },
        ]);
        await orm.schema.update();
        expect(await orm.schema.diff()).toEqual([]);
      } finally {
        await orm.close();
      }
    });

    test('a new table gets plain statements: nothing can be reading it yet', async () => {
      expect(fx.orm.schema.createSql().some((sql) => /concurrently|not valid/.test(sql))).toBe(false);
    });
  },
  { dialects: ['postgres'] },
);

@Entity({ table: 'sf_loose' })
class Loose {
  @PrimaryKey() id!: number;
  @Column({ type: 'int' }) ownerId!: number;
}

/** the same column becomes a foreign key: rows that reference no owner must stop the change */
@Entity({ table: 'sf_loose' })
class Tied {
  @PrimaryKey() id!: number;
  @ManyToOne(() => Owner) owner!: Owner;
}

describeEachDialect(
  [Owner, Loose],
  (fx) => {
    test('a rebuild whose rows break a new foreign key rolls back, and foreign keys are on again afterwards', async () => {
      await fx.raw.exec('insert into sf_loose (owner_id) values (999)');
      const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Owner, Tied], pool: { min: 0, max: 1 } });
      try {
        await expect(orm.schema.update()).rejects.toThrow(/foreign_key_violations/);
        expect(await orm.em.fork().sql`pragma foreign_keys`).toEqual([{ foreign_keys: 1n }]);
        expect(DatabaseSchema.table(await orm.schema.introspect(), 'sf_loose')?.foreignKeys).toEqual([]);
        expect(await fx.raw.count('sf_loose')).toBe(1);
      } finally {
        await orm.close();
      }
    });
  },
  { dialects: ['sqlite'] },
);

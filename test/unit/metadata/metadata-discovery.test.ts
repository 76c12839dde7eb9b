import { Column, Entity, Index, MetadataError, PrimaryKey, SnakeCaseNamingStrategy, Unique, Version } from '../../../src';
import type { EntityClass } from '../../../src';
import { discoverMetadata } from '../../../src/metadata/metadata-discovery';
import { metadataErrorOf } from '../../support/thrown-error';

const discover = (...classes: EntityClass[]) => discoverMetadata(classes, new SnakeCaseNamingStrategy());
const discoverOne = (cls: EntityClass) => discover(cls).get(cls);


describe('discoverMetadata: the happy path', () => {
  @Index({ properties: ['lastName', 'firstName'] })
  @Unique({ properties: ['tenantId', 'email'], name: 'one_email_per_tenant' })
  @Entity()
  class BookAuthor {
    @PrimaryKey() id!: number;
    @Column() firstName!: string;
    @Column({ length: 80 }) lastName!: string;
    @Column({ unique: true }) email!: string;
    @Index() @Column() tenantId!: number;
    @Column() isActive!: boolean;
    @Column() createdAt!: Date;
    @Column() avatar!: Buffer;
    @Column() followers!: bigint;
    @Column({ type: 'decimal' }) balance!: string;
    @Column({ type: 'string', column: 'mail_2', nullable: true }) secondaryEmail!: string | null;
    @Column({ type: 'enum', items: ['draft', 'live'], default: 'draft' }) status!: string;
    @Version() version!: number;
  }

  const meta = discoverOne(BookAuthor);

  it('names the table and columns in snake_case unless told otherwise', () => {
    expect(meta.name).toBe('BookAuthor');
    expect(meta.table).toBe('book_author');
    expect(meta.properties.map((p) => [p.name, p.column])).toEqual([
      ['id', 'id'],
      ['firstName', 'first_name'],
      ['lastName', 'last_name'],
      ['email', 'email'],
      ['tenantId', 'tenant_id'],
      ['isActive', 'is_active'],
      ['createdAt', 'created_at'],
      ['avatar', 'avatar'],
      ['followers', 'followers'],
      ['balance', 'balance'],
      ['secondaryEmail', 'mail_2'],
      ['status', 'status'],
      ['version', 'version'],
    ]);
  });

  it('uses an explicit table name', () => {
    @Entity({ table: 'people' })
    class Person {
      @PrimaryKey() id!: number;
    }

    expect(discoverOne(Person).table).toBe('people');
  });

  it('infers types from the TypeScript design type', () => {
    expect(Object.fromEntries(meta.properties.map((p) => [p.name, p.type]))).toEqual({
      id: 'int',
      firstName: 'string',
      lastName: 'string',
      email: 'string',
      tenantId: 'int',
      isActive: 'boolean',
      createdAt: 'timestamp',
      avatar: 'blob',
      followers: 'bigint',
      balance: 'decimal',
      secondaryEmail: 'string',
      status: 'enum',
      version: 'int',
    });
  });

  it('defaults varchar length to 255 and decimal to (10, 2), keeping explicit values', () => {
    const byName = meta.propertiesByName;
    expect(byName.get('firstName')).toMatchObject({ length: 255 });
    expect(byName.get('lastName')).toMatchObject({ length: 80 });
    expect(byName.get('balance')).toMatchObject({ precision: 10, scale: 2, length: undefined });
    expect(byName.get('tenantId')).toMatchObject({ length: undefined, precision: undefined });
  });

  it('resolves keys, nullability, version, enum items, defaults and positions', () => {
    expect(meta.primaryKey).toBe(meta.propertiesByName.get('id'));
    expect(meta.primaryKey).toMatchObject({ primary: true, generation: 'identity', nullable: false, index: 0 });
    expect(meta.version).toBe(meta.propertiesByName.get('version'));
    expect(meta.version).toMatchObject({ version: true, nullable: false, type: 'int', index: 12 });
    expect(meta.propertiesByName.get('secondaryEmail')).toMatchObject({ nullable: true, primary: false, generation: 'none' });
    expect(meta.propertiesByName.get('email')).toMatchObject({ nullable: false, unique: true });
    expect(meta.propertiesByName.get('status')).toMatchObject({ items: ['draft', 'live'], default: 'draft' });
    expect(meta.properties.map((p) => p.index)).toEqual(meta.properties.map((_, i) => i));
  });

  it('turns unique columns, @Index/@Unique on properties and on the class into index metadata', () => {
    expect(meta.indexes).toEqual([
      { name: 'book_author_email_unique', columns: ['email'], unique: true },
      { name: 'book_author_tenant_id_index', columns: ['tenant_id'], unique: false },
      { name: 'one_email_per_tenant', columns: ['tenant_id', 'email'], unique: true },
      { name: 'book_author_last_name_first_name_index', columns: ['last_name', 'first_name'], unique: false },
    ]);
  });

  it('freezes what it resolves', () => {
    expect(Object.isFrozen(meta)).toBe(true);
    expect(Object.isFrozen(meta.properties)).toBe(true);
    expect(Object.isFrozen(meta.properties[1])).toBe(true);
    expect(Object.isFrozen(meta.indexes[0])).toBe(true);
  });

  it('generates uuid keys in JS and leaves string keys to the user', () => {
    @Entity()
    class Token {
      @PrimaryKey({ type: 'uuid' }) id!: string;
    }
    @Entity()
    class Country {
      @PrimaryKey() code!: string;
    }
    @Entity()
    class Event {
      @PrimaryKey({ type: 'bigint' }) id!: string;
    }

    expect(discoverOne(Token).primaryKey).toMatchObject({ type: 'uuid', generation: 'uuid' });
    expect(discoverOne(Country).primaryKey).toMatchObject({ type: 'string', generation: 'none' });
    expect(discoverOne(Event).primaryKey).toMatchObject({ type: 'bigint', generation: 'identity' });
  });

  it('accepts type aliases (varchar, integer, datetime, bool)', () => {
    @Entity()
    class Aliased {
      @PrimaryKey({ type: 'integer' }) id!: number;
      @Column({ type: 'VARCHAR' }) a!: string;
      @Column({ type: 'datetime' }) b!: Date;
      @Column({ type: 'bool' }) c!: boolean;
    }

    expect(discoverOne(Aliased).properties.map((p) => p.type)).toEqual(['int', 'string', 'timestamp', 'boolean']);
  });

  it('inherits decorated properties and indexes from an undecorated base class, base first', () => {
    @Index({ properties: ['createdAt'] })
    abstract class BaseEntity {
      @PrimaryKey() id!: number;
      @Column() createdAt!: Date;
    }
    @Entity()
    class Publisher extends BaseEntity {
      @Column() name!: string;
    }
    @Entity()
    class Reviewer extends BaseEntity {
      @Column({ type: 'text' }) bio!: string;
    }

    const storage = discover(Publisher, Reviewer);
    const publisher = storage.get(Publisher);
    const reviewer = storage.get(Reviewer);

    expect(publisher.properties.map((p) => p.name)).toEqual(['id', 'createdAt', 'name']);
    expect(reviewer.properties.map((p) => p.name)).toEqual(['id', 'createdAt', 'bio']);
    expect(publisher.primaryKey.name).toBe('id');
    expect(publisher.indexes).toEqual([{ name: 'publisher_created_at_index', columns: ['created_at'], unique: false }]);
    expect(reviewer.indexes).toEqual([{ name: 'reviewer_created_at_index', columns: ['created_at'], unique: false }]);
  });

  it('lets a subclass redeclare an inherited property', () => {
    abstract class Named {
      @PrimaryKey() id!: number;
      @Column() name!: string;
    }
    @Entity()
    class ShortNamed extends Named {
      @Column({ length: 20 }) declare name: string;
    }

    expect(discoverOne(ShortNamed).propertiesByName.get('name')).toMatchObject({ length: 20, index: 1 });
  });

  it('accepts the same class twice', () => {
    @Entity()
    class Twice {
      @PrimaryKey() id!: number;
    }

    expect(discover(Twice, Twice).all).toHaveLength(1);
  });
});

describe('discoverMetadata: mistakes are MetadataErrors naming the class and property', () => {
  it('rejects an entity without a primary key', () => {
    @Entity()
    class NoKey {
      @Column() name!: string;
    }

    const error = metadataErrorOf(() => discover(NoKey));

    expect(error.message).toBe('Entity NoKey has no @PrimaryKey() property.');
    expect(error.entity).toBe('NoKey');
  });

  it('rejects a composite primary key, naming both properties', () => {
    @Entity()
    class Membership {
      @PrimaryKey() userId!: number;
      @PrimaryKey() groupId!: number;
    }

    const error = metadataErrorOf(() => discover(Membership));

    expect(error.message).toContain('Membership');
    expect(error.message).toContain('userId, groupId');
    expect(error.entity).toBe('Membership');
  });

  it('rejects a primary key of an unsupported type', () => {
    @Entity()
    class DatedKey {
      @PrimaryKey() id!: Date;
    }

    const error = metadataErrorOf(() => discover(DatedKey));

    expect(error.message).toContain("DatedKey.id: a primary key of type 'timestamp' is not supported");
    expect(error).toMatchObject({ entity: 'DatedKey', property: 'id' });
  });

  it('rejects an unknown column type', () => {
    @Entity()
    class OddType {
      @PrimaryKey() id!: number;
      @Column({ type: 'varchar2' }) name!: string;
    }

    const error = metadataErrorOf(() => discover(OddType));

    expect(error.message).toContain("OddType.name has column type 'varchar2'");
    expect(error).toMatchObject({ entity: 'OddType', property: 'name' });
  });

  it.each([
    [
      'a union',
      () => {
        @Entity()
        class Uninferable {
          @PrimaryKey() id!: number;
          @Column() value!: string | number;
        }
        return Uninferable;
      },
    ],
    [
      'an object type',
      () => {
        @Entity()
        class Uninferable {
          @PrimaryKey() id!: number;
          @Column() value!: { lat: number; lng: number };
        }
        return Uninferable;
      },
    ],
    [
      'no type annotation',
      () => {
        @Entity()
        class Uninferable {
          @PrimaryKey() id!: number;
          @Column() value = [] as unknown;
        }
        return Uninferable;
      },
    ],
  ])('rejects a property whose type cannot be inferred (%s)', (_case, define) => {
    const error = metadataErrorOf(() => discover(define()));

    expect(error.message).toContain('Cannot infer the column type of Uninferable.value');
    expect(error).toMatchObject({ entity: 'Uninferable', property: 'value' });
  });

  it('rejects two entities mapped to one table', () => {
    @Entity({ table: 'people' })
    class Person {
      @PrimaryKey() id!: number;
    }
    @Entity({ table: 'people' })
    class Human {
      @PrimaryKey() id!: number;
    }

    const error = metadataErrorOf(() => discover(Person, Human));

    expect(error.message).toBe("Entities Person and Human both map to table 'people'.");
    expect(error.entity).toBe('Human');
  });

  it('rejects two properties mapped to one column', () => {
    @Entity()
    class Clash {
      @PrimaryKey() id!: number;
      @Column() fullName!: string;
      @Column({ column: 'full_name' }) displayName!: string;
    }

    const error = metadataErrorOf(() => discover(Clash));

    expect(error.message).toContain("Clash.fullName and Clash.displayName both map to column 'full_name'");
    expect(error).toMatchObject({ entity: 'Clash', property: 'displayName' });
  });

  it('keeps renamedFrom, and rejects one that names the column itself or a column another property still maps', () => {
    @Entity()
    class Renamed {
      @PrimaryKey() id!: number;
      @Column({ renamedFrom: 'nick' }) nickname!: string;
    }
    @Entity()
    class SelfRenamed {
      @PrimaryKey() id!: number;
      @Column({ renamedFrom: 'nickname' }) nickname!: string;
    }
    @Entity()
    class StillMapped {
      @PrimaryKey() id!: number;
      @Column() nick!: string;
      @Column({ renamedFrom: 'nick' }) nickname!: string;
    }

    expect(discoverOne(Renamed).propertiesByName.get('nickname')?.renamedFrom).toBe('nick');
    const self = metadataErrorOf(() => discover(SelfRenamed));
    expect(self.message).toBe("SelfRenamed.nickname has renamedFrom 'nickname': it must be a non-empty column name other than the column's own.");
    const mapped = metadataErrorOf(() => discover(StillMapped));
    expect(mapped.message).toBe("StillMapped.nickname is renamed from column 'nick', but StillMapped.nick still maps that column.");
    expect(mapped).toMatchObject({ entity: 'StillMapped', property: 'nickname' });
  });

  it('rejects a class without decorators', () => {
    class Plain {
      id!: number;
    }

    const error = metadataErrorOf(() => discover(Plain));

    expect(error.message).toBe('Plain is not an entity: decorate the class with @Entity().');
    expect(error.entity).toBe('Plain');
  });

  it('rejects a class with @Column but no @Entity, naming the property', () => {
    class Forgotten {
      @PrimaryKey() id!: number;
      @Column() title!: string;
    }

    const error = metadataErrorOf(() => discover(Forgotten));

    expect(error.message).toContain('Forgotten.id has a column decorator, but Forgotten is not decorated with @Entity()');
    expect(error).toMatchObject({ entity: 'Forgotten', property: 'id' });
  });

  it('rejects an empty entity list', () => {
    expect(metadataErrorOf(() => discover()).message).toContain('at least one entity');
  });

  it.each([
    ['no items', { type: 'enum' }],
    ['an empty items list', { type: 'enum', items: [] }],
  ] as const)('rejects an enum with %s', (_case, options) => {
    @Entity()
    class Ticket {
      @PrimaryKey() id!: number;
      @Column(options) status!: string;
    }

    const error = metadataErrorOf(() => discover(Ticket));

    expect(error.message).toContain('Ticket.status is an enum column without values');
    expect(error).toMatchObject({ entity: 'Ticket', property: 'status' });
  });

  it('rejects two @Version() properties, naming the second', () => {
    @Entity()
    class TwoVersions {
      @PrimaryKey() id!: number;
      @Version() version!: number;
      @Version() revision!: number;
    }

    const error = metadataErrorOf(() => discover(TwoVersions));

    expect(error.message).toContain('TwoVersions.revision: @Version() needs a number property');
    expect(error).toMatchObject({ entity: 'TwoVersions', property: 'revision' });
  });

  it('rejects a @Version() whose @Column gives it a non-int type', () => {
    @Entity()
    class DatedVersion {
      @PrimaryKey() id!: number;
      @Column({ type: 'timestamp' }) @Version() updatedAt!: Date;
    }

    const error = metadataErrorOf(() => discover(DatedVersion));

    expect(error.message).toContain('DatedVersion.updatedAt: @Version() needs a number property');
    expect(error).toMatchObject({ entity: 'DatedVersion', property: 'updatedAt' });
  });

  // Regression, fixed in e76771f: @Version() recorded `{ type: 'int' }` itself (src/decorators/version.ts), so
  // discovery's `raw.version && type !== 'int'` check never saw the declared type and a string or Date property
  // silently became an int version column.
  it('rejects @Version() on a string property (regression: it silently became an int column)', () => {
    @Entity()
    class StringVersion {
      @PrimaryKey() id!: number;
      @Version() version!: string;
    }

    const error = metadataErrorOf(() => discover(StringVersion));

    expect(error).toMatchObject({ entity: 'StringVersion', property: 'version' });
  });

  // Regression, fixed in e76771f: applied last, @Version()'s forced `type: 'int'` overwrote an explicit
  // @Column({ type: 'timestamp' }) in MetadataRegistry.addProperty's merge, without an error.
  it('rejects @Version() over @Column({ type: timestamp }) (regression: the explicit type was overwritten by int)', () => {
    @Entity()
    class OverwrittenVersion {
      @PrimaryKey() id!: number;
      @Version() @Column({ type: 'timestamp' }) updatedAt!: Date;
    }

    const error = metadataErrorOf(() => discover(OverwrittenVersion));

    expect(error).toMatchObject({ entity: 'OverwrittenVersion', property: 'updatedAt' });
  });

  it('rejects an index naming an unknown property', () => {
    @Index({ properties: ['title', 'subtitle'] })
    @Entity()
    class Chapter {
      @PrimaryKey() id!: number;
      @Column() title!: string;
    }

    const error = metadataErrorOf(() => discover(Chapter));

    expect(error.message).toBe("An @Index/@Unique on Chapter names 'subtitle', which is not a column of Chapter.");
    expect(error).toMatchObject({ entity: 'Chapter', property: 'subtitle' });
  });

  it('looks up only discovered classes', () => {
    @Entity()
    class Known {
      @PrimaryKey() id!: number;
    }
    @Entity()
    class Unknown {
      @PrimaryKey() id!: number;
    }

    const storage = discover(Known);

    expect(storage.ofInstance(new Known())).toBe(storage.get(Known));
    expect(storage.ofInstance(new Unknown())).toBeUndefined();
    expect(metadataErrorOf(() => storage.get(Unknown)).message).toContain('Unknown is not an entity');
  });
});

describe('discoverMetadata: an entity repository', () => {
  it('keeps the repository thunk without calling it', () => {
    let calls = 0;
    const thunk = () => {
      calls++;
      return class {};
    };
    @Entity({ repository: thunk })
    class WithRepository {
      @PrimaryKey() id!: number;
    }

    expect(discoverOne(WithRepository).repository).toBe(thunk);
    expect(calls).toBe(0);
  });

  it('rejects a repository that is not a thunk (the class itself, or anything else), naming the entity', () => {
    class Base {}
    class Repo extends Base {}
    @Entity({ repository: Repo as never })
    class EagerRepository {
      @PrimaryKey() id!: number;
    }
    @Entity({ repository: {} as never })
    class ObjectRepository {
      @PrimaryKey() id!: number;
    }

    for (const cls of [EagerRepository, ObjectRepository]) {
      const error = metadataErrorOf(() => discover(cls));
      expect(error.message).toBe(`Entity ${cls.name} has a 'repository' option that is not a thunk; write @Entity({ repository: () => ${cls.name}Repository }).`);
      expect(error.entity).toBe(cls.name);
    }
  });
});

import { Column, Entity, Filter, MetadataError, PrimaryKey, SnakeCaseNamingStrategy, SoftDelete } from '../../../../src';
import type { EntityClass } from '../../../../src';
import { FilterRegistry } from '../../../../src/lifecycle/filters/filter-registry';
import { discoverMetadata } from '../../../../src/metadata/metadata-discovery';

const discover = (...classes: EntityClass[]) => discoverMetadata(classes, new SnakeCaseNamingStrategy());

function errorOf(fn: () => unknown): MetadataError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MetadataError);
    return error as MetadataError;
  }
  throw new Error('expected a MetadataError');
}

describe('@SoftDelete() discovery', () => {
  test('a nullable timestamp by default, and the built-in softDelete filter of its entity', () => {
    @Entity()
    class Post {
      @PrimaryKey() id!: number;
      @SoftDelete() deletedAt: Date | null = null;
    }
    const metadata = discover(Post);
    const meta = metadata.get(Post);
    expect(meta.softDelete).toMatchObject({ name: 'deletedAt', column: 'deleted_at', type: 'timestamp', nullable: true });
    expect(new FilterRegistry(metadata).of(meta).map((f) => [f.name, f.cond, f.default])).toEqual([['softDelete', { deletedAt: null }, true]]);
  });

  test('a non-nullable column is refused, naming class and property', () => {
    @Entity()
    class Strict {
      @PrimaryKey() id!: number;
      @SoftDelete({ nullable: false }) deletedAt!: Date;
    }
    const error = errorOf(() => discover(Strict));
    expect(error.message).toMatch(/@SoftDelete\(\) on Strict\.deletedAt needs a nullable column/);
    expect([error.entity, error.property]).toEqual(['Strict', 'deletedAt']);
  });

  test('a column that is not a date or timestamp is refused', () => {
    @Entity()
    class Flagged {
      @PrimaryKey() id!: number;
      @Column({ type: 'boolean', nullable: true }) @SoftDelete() deleted!: boolean | null;
    }
    const error = errorOf(() => discover(Flagged));
    expect(error.message).toMatch(/@SoftDelete\(\) on Flagged\.deleted needs a timestamp or date column, not 'boolean'/);
    expect([error.entity, error.property]).toEqual(['Flagged', 'deleted']);
  });

  test('two @SoftDelete() columns are refused', () => {
    @Entity()
    class Twice {
      @PrimaryKey() id!: number;
      @SoftDelete() deletedAt: Date | null = null;
      @SoftDelete() removedAt: Date | null = null;
    }
    const error = errorOf(() => discover(Twice));
    expect(error.message).toMatch(/Entity Twice marks several properties with @SoftDelete\(\) \(deletedAt, removedAt\)/);
    expect([error.entity, error.property]).toEqual(['Twice', 'removedAt']);
  });
});

describe('@Filter() discovery', () => {
  test('a subclass inherits its base filters and may replace one by name', () => {
    @Filter({ name: 'tenant', cond: (a: { t: number }) => ({ tenant: a.t }), default: true })
    @Filter({ name: 'live', cond: { live: true } })
    @Entity()
    class Base {
      @PrimaryKey() id!: number;
      @Column() tenant!: number;
      @Column() live!: boolean;
    }
    @Filter({ name: 'live', cond: { live: false } })
    @Entity()
    class Sub extends Base {}
    const meta = discover(Base, Sub).get(Sub);
    expect(meta.filters.map((f) => [f.name, f.cond, f.default, f.args])).toEqual([
      ['tenant', expect.any(Function), true, true],
      ['live', { live: false }, false, false],
    ]);
  });

  test('a duplicate name, a bad name or a missing condition is refused', () => {
    @Filter({ name: 'a', cond: {} })
    @Filter({ name: 'a', cond: {} })
    @Entity()
    class Dup {
      @PrimaryKey() id!: number;
    }
    expect(errorOf(() => discover(Dup)).message).toMatch(/Entity Dup declares the filter 'a' twice/);
    @Filter({ name: 'softDelete', cond: {} })
    @Entity()
    class Reserved {
      @PrimaryKey() id!: number;
    }
    expect(errorOf(() => discover(Reserved)).message).toMatch(/other than 'softDelete'/);
    @Filter({ name: 'x', cond: 5 as never })
    @Entity()
    class NoCond {
      @PrimaryKey() id!: number;
    }
    expect(errorOf(() => discover(NoCond)).message).toMatch(/The filter 'x' of NoCond has no valid cond/);
  });

  test('Orm-level filters go to the entities they name; an entity filter of the same name wins', () => {
    @Filter({ name: 'live', cond: { live: true } })
    @Entity()
    class One {
      @PrimaryKey() id!: number;
      @Column() live!: boolean;
    }
    @Entity()
    class Two {
      @PrimaryKey() id!: number;
      @Column() live!: boolean;
    }
    @Entity()
    class Three {
      @PrimaryKey() id!: number;
    }
    const metadata = discover(One, Two, Three);
    const registry = new FilterRegistry(metadata, [{ name: 'live', cond: { live: false }, entities: [One, Two] }]);
    expect(registry.of(metadata.get(One)).map((f) => f.cond)).toEqual([{ live: true }]);
    expect(registry.of(metadata.get(Two)).map((f) => f.cond)).toEqual([{ live: false }]);
    expect(registry.of(metadata.get(Three))).toEqual([]);
    expect(registry.any).toBe(true);
    expect(new FilterRegistry(discover(Three)).any).toBe(false);
  });
});

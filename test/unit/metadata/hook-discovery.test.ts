import { AfterLoad, BeforeCreate, BeforeUpdate, Column, Entity, MetadataError, PrimaryKey, SnakeCaseNamingStrategy } from '../../../src';
import type { EntityClass } from '../../../src';
import { discoverMetadata } from '../../../src/metadata/metadata-discovery';
import { metadataErrorOf } from '../../support/thrown-error';

const discoverOne = (cls: EntityClass) => discoverMetadata([cls], new SnakeCaseNamingStrategy()).get(cls);

/** A decorator applied as plain JavaScript (or through a cast) would apply it: TypeScript refuses it on a property. */
const applyTo = (decorator: unknown, target: object, name: string) => (decorator as (t: object, n: string) => void)(target, name);

describe('hook metadata', () => {
  test('hooks are inherited, base class first, each method once; a method may carry several', () => {
    abstract class Base {
      @BeforeCreate() @BeforeUpdate() stamp() {}
      @AfterLoad() derive() {}
    }
    @Entity()
    class HookedThing extends Base {
      @PrimaryKey() id!: number;
      @BeforeCreate() own() {}
      // Overridden and hooked again: runs once, in its base class's place.
      @BeforeCreate() override stamp() {}
    }
    expect(discoverOne(HookedThing).hooks).toEqual({ beforeCreate: ['stamp', 'own'], beforeUpdate: ['stamp'], afterLoad: ['derive'] });
  });

  test('an entity without hooks has none (undefined: nothing to look at on the hot paths)', () => {
    @Entity()
    class Unhooked {
      @PrimaryKey() id!: number;
    }
    expect(discoverOne(Unhooked).hooks).toBeUndefined();
  });

  test('a hook decorator on a property is a MetadataError naming the class and property', () => {
    @Entity()
    class HookOnField {
      @PrimaryKey() id!: number;
      @Column() email!: string;
    }
    applyTo(BeforeCreate(), HookOnField.prototype, 'email');
    const error = metadataErrorOf(() => discoverOne(HookOnField));
    expect(error).toBeInstanceOf(MetadataError);
    expect([error.entity, error.property]).toEqual(['HookOnField', 'email']);
    expect(error.message).toBe(
      'HookOnField.email has @BeforeCreate(), but it is not a method: lifecycle hooks decorate instance methods, e.g. @BeforeCreate() normalize() { ... }.',
    );
  });

  test('a hook decorator on a static method is a MetadataError too', () => {
    @Entity()
    class HookOnStatic {
      @PrimaryKey() id!: number;
      static make() {}
    }
    (AfterLoad() as unknown as (t: object, n: string, d: PropertyDescriptor) => void)(
      HookOnStatic,
      'make',
      Object.getOwnPropertyDescriptor(HookOnStatic, 'make')!,
    );
    const error = metadataErrorOf(() => discoverOne(HookOnStatic));
    expect([error.entity, error.property]).toEqual(['HookOnStatic', 'make']);
    expect(error.message).toContain('has @AfterLoad(), but it is not a method');
  });
});

import type { HookArgs, HookEvent } from '../metadata/hook-metadata';
import { MetadataRegistry } from '../metadata/metadata-registry';

/**
 * A method a hook decorator accepts: none or one parameter, `HookArgs<this>`. Written as a method so that a
 * parameter typed `HookArgs<User>` is accepted (method parameters are bivariant) while one typed `number` is not.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type HookMethod = { bivarianceHack(args: HookArgs<any, any>): unknown }['bivarianceHack'];

/** What a hook decorator is: it applies to methods only (on a property it is a type error, in JS a MetadataError). */
export type HookDecorator = <M extends HookMethod>(target: object, name: string | symbol, descriptor: TypedPropertyDescriptor<M>) => void;

function hook(event: HookEvent): HookDecorator {
  return (target, name, descriptor) => {
    // A static method is decorated on the class itself: recorded on it, refused by discovery.
    const isStatic = typeof target === 'function';
    MetadataRegistry.addHook(isStatic ? target : target.constructor, {
      event,
      name: String(name),
      method: !isStatic && typeof descriptor?.value === 'function',
    });
  };
}

/**
 * Runs the method before a new entity is inserted, within `flush()`: what it changes is written by the same INSERT.
 * @example
 * @BeforeCreate() normalize() { this.email = this.email.toLowerCase(); }
 */
export function BeforeCreate(): HookDecorator {
  return hook('beforeCreate');
}

/**
 * Runs the method before a changed entity is updated (only when it really changed), within `flush()`: what it
 * changes is written by the same UPDATE. `args.changed` names the changed properties.
 * @example
 * @BeforeUpdate() touch() { this.updatedAt = new Date(); }
 */
export function BeforeUpdate(): HookDecorator {
  return hook('beforeUpdate');
}

/**
 * Runs the method before a removed entity is deleted, within `flush()`.
 * @example
 * @BeforeDelete() check() { if (this.locked) throw new Error('locked'); }
 */
export function BeforeDelete(): HookDecorator {
  return hook('beforeDelete');
}

/**
 * Runs the method once the flush that inserted the entity succeeded (generated keys are on the entity).
 * @example
 * @AfterCreate() announce({ em }: HookArgs<User>) { ... }
 */
export function AfterCreate(): HookDecorator {
  return hook('afterCreate');
}

/**
 * Runs the method once the flush that updated the entity succeeded; `args.changed` names what it wrote.
 * @example
 * @AfterUpdate() log({ changed }: HookArgs<User>) { console.log(changed); }
 */
export function AfterUpdate(): HookDecorator {
  return hook('afterUpdate');
}

/**
 * Runs the method once the flush that deleted the entity succeeded.
 * @example
 * @AfterDelete() forget() { cache.delete(this.id); }
 */
export function AfterDelete(): HookDecorator {
  return hook('afterDelete');
}

/**
 * Runs the method once per entity instance, when its row has been hydrated (synchronously: no promise).
 * @example
 * @AfterLoad() derive() { this.fullName = `${this.first} ${this.last}`; }
 */
export function AfterLoad(): HookDecorator {
  return hook('afterLoad');
}

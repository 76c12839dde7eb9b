/** The entity lifecycle events a method can be hooked to, with the decorator of each. */
export type HookEvent = 'beforeCreate' | 'beforeUpdate' | 'beforeDelete' | 'afterCreate' | 'afterUpdate' | 'afterDelete' | 'afterLoad';

/** The hooked methods of one entity class, by event: method names, base class's first, each once. */
export type EntityHooks = { readonly [E in HookEvent]?: readonly string[] };

/**
 * What a hook method is called with. `S` is the session (the `EntityManager`; Tessera's public `HookArgs<T>` fixes
 * it), `T` the entity.
 */
export interface HookArgs<T, S> {
  readonly event: HookEvent;
  /** The entity the hook runs for (also `this`). */
  readonly entity: T;
  /**
   * The EntityManager that flushes (or, for `afterLoad`, loaded) the entity: persist, remove and change entities
   * through it (see docs/lifecycle.md for when those changes are written).
   */
  readonly em: S;
  /**
   * `beforeUpdate` / `afterUpdate`: the names of the mapped properties that changed (foreign keys by their
   * relation's name). Empty for the other events.
   */
  readonly changed: readonly string[];
}

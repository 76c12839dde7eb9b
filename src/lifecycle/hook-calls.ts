import { UsageError } from '../errors/usage-error';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { HookArgs, HookEvent } from '../metadata/hook-metadata';

type Methods = Record<string, (args: HookArgs<object, unknown>) => unknown>;

/** The `changed` of every event but the updates. */
export const NOTHING_CHANGED: readonly string[] = Object.freeze([]);

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

/**
 * Calls `entity`'s methods `names` in order with `args`. Synchronous hooks stay synchronous: a promise comes back
 * (to be awaited) only once a hook returned one, so a flush of many entities with plain hooks awaits nothing.
 */
export function callHooks(entity: object, names: readonly string[], args: HookArgs<object, unknown>, from = 0): Promise<void> | undefined {
  for (let i = from; i < names.length; i++) {
    const result = (entity as Methods)[names[i]](args);
    if (isThenable(result)) return Promise.resolve(result).then(() => callHooks(entity, names, args, i + 1));
  }
  return undefined;
}

/** Runs an entity's `afterLoad` hooks, which may not return a promise (rows are hydrated synchronously). */
export function callAfterLoad(entity: object, meta: EntityMetadata, session: unknown): void {
  const names = meta.hooks?.afterLoad;
  if (!names) return;
  const args: HookArgs<object, unknown> = { event: 'afterLoad' satisfies HookEvent, entity, em: session, changed: NOTHING_CHANGED };
  for (const name of names) {
    const result = (entity as Methods)[name](args);
    if (isThenable(result)) {
      // Not waited for, so its failure must not become an unhandled rejection on top of the error thrown here.
      result.then(undefined, () => undefined);
      throw UsageError.asyncAfterLoad(meta.name, name);
    }
  }
}

import { UsageError } from '../errors/usage-error';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { HookArgs, HookEvent } from '../metadata/hook-metadata';
import type { ChangeSet } from '../unit-of-work/change-set';
import type { FlushSteps } from '../unit-of-work/entity-lifecycle';
import type { EntityEntry, IdentityMap } from '../unit-of-work/identity-map';
import type { EntityValidator } from './entity-validator';
import { callHooks, NOTHING_CHANGED } from './hook-calls';

const BEFORE = { new: 'beforeCreate', managed: 'beforeUpdate', removed: 'beforeDelete' } as const satisfies Record<EntityEntry['state'], HookEvent>;
const AFTER = { insert: 'afterCreate', update: 'afterUpdate', delete: 'afterDelete' } as const satisfies Record<ChangeSet['type'], HookEvent>;

/** The before-write hooks as bits of `EntityEntry.hooksRan`. */
const CREATE = 1;
const UPDATE = 2;
const DELETE = 4;

/** More rounds of hooks persisting entities whose hooks persist more than any real model needs. */
const MAX_ROUNDS = 100;

/**
 * The hooks and validation of one flush. Each entity's before-write hook of one kind runs at most once per flush,
 * however many rounds the hooks take: an entity changed by another's hook gets its `beforeUpdate` in the next round
 * only if it had no change (and so no hook) before.
 */
export class FlushHooks implements FlushSteps {
  private rounds = 0;

  constructor(
    private readonly session: object,
    private readonly mappers: MapperRegistry,
    private readonly validator: EntityValidator | undefined,
  ) {}

  /**
   * One round over the entities tracked when it starts, in the order the unit of work came to know them; what the
   * hooks persist meanwhile is for the next round (a Map would iterate over it too, and a chain of hooks persisting
   * entities would never leave the round). Runs on the flush path of every entity: plain named reads, one
   * allocation per hooked entity (its arguments), names of changed properties only when a hook reads them.
   */
  async before(identityMap: IdentityMap): Promise<boolean> {
    let last: EntityEntry | undefined;
    let left = identityMap.size;
    for (const [entity, entry] of identityMap.all()) {
      if (left-- === 0) break;
      const hooks = entry.meta.hooks;
      if (hooks === undefined) continue;
      let args: HookArgs<object, unknown>;
      let names: readonly string[] | undefined;
      if (entry.state === 'managed') {
        names = hooks.beforeUpdate;
        if (names === undefined || entry.snapshot === undefined || this.ran(entry, UPDATE)) continue;
        const changed = this.mappers.get(entry.meta).diff(entry.snapshot, entity);
        if (!changed) continue;
        this.mark(entry, UPDATE);
        args = new UpdateArgs('beforeUpdate', entity, this.session, entry.meta, changed);
      } else if (entry.state === 'new') {
        names = hooks.beforeCreate;
        if (names === undefined || this.ran(entry, CREATE)) continue;
        this.mark(entry, CREATE);
        args = { event: 'beforeCreate', entity, em: this.session, changed: NOTHING_CHANGED };
      } else {
        names = hooks.beforeDelete;
        if (names === undefined || this.ran(entry, DELETE)) continue;
        this.mark(entry, DELETE);
        args = { event: 'beforeDelete', entity, em: this.session, changed: NOTHING_CHANGED };
      }
      last = entry;
      const pending = callHooks(entity, names, args);
      if (pending) await pending;
    }
    if (last && ++this.rounds >= MAX_ROUNDS) throw UsageError.hookLoop(MAX_ROUNDS, last.meta.name, BEFORE[last.state]);
    return last !== undefined;
  }

  private ran(entry: EntityEntry, event: number): boolean {
    return entry.hooksFlush === this && (entry.hooksRan! & event) !== 0;
  }

  private mark(entry: EntityEntry, event: number): void {
    if (entry.hooksFlush === this) entry.hooksRan! |= event;
    else {
      entry.hooksFlush = this;
      entry.hooksRan = event;
    }
  }

  validate(changeSets: readonly ChangeSet[]): Promise<void> {
    return this.validator ? this.validator.validate(changeSets) : Promise.resolve();
  }

  async after(changeSets: readonly ChangeSet[]): Promise<void> {
    for (const cs of changeSets) {
      const event = AFTER[cs.type];
      const names = cs.meta.hooks?.[event];
      if (!names) continue;
      const args = cs.type === 'update' ? new UpdateArgs(event, cs.entity, this.session, cs.meta, cs.changed) : { event, entity: cs.entity, em: this.session, changed: NOTHING_CHANGED };
      const pending = callHooks(cs.entity, names, args);
      if (pending) await pending;
    }
  }
}

/** An update hook's arguments: the changed properties' names are made from their indexes when first read. */
class UpdateArgs implements HookArgs<object, unknown> {
  #changed: readonly string[] | undefined;

  constructor(
    readonly event: HookEvent,
    readonly entity: object,
    readonly em: unknown,
    private readonly meta: EntityMetadata,
    private readonly indexes: readonly number[],
  ) {}

  get changed(): readonly string[] {
    return (this.#changed ??= Object.freeze(this.indexes.map((i) => this.meta.properties[i].name)));
  }
}

import { UsageError } from '../errors/usage-error';
import type { HookArgs, HookEvent } from '../metadata/hook-metadata';
import type { ChangeSet } from '../unit-of-work/change-set';
import type { FlushSteps } from '../unit-of-work/entity-lifecycle';
import type { EntityValidator } from './entity-validator';
import { callHooks, NOTHING_CHANGED } from './hook-calls';

const BEFORE = { insert: 'beforeCreate', update: 'beforeUpdate', delete: 'beforeDelete' } as const satisfies Record<ChangeSet['type'], HookEvent>;
const AFTER = { insert: 'afterCreate', update: 'afterUpdate', delete: 'afterDelete' } as const satisfies Record<ChangeSet['type'], HookEvent>;

/** More rounds of hooks persisting entities whose hooks persist more than any real model needs. */
const MAX_ROUNDS = 100;

/**
 * The hooks and validation of one flush. Each entity's before-write hooks of one kind run once per flush, however
 * often the change sets are computed again: an entity changed by another's hook gets its `beforeUpdate` in the
 * next round only if it had no change (and so no hook) before.
 */
export class FlushHooks implements FlushSteps {
  private readonly ran = { insert: new Set<object>(), update: new Set<object>(), delete: new Set<object>() };
  private rounds = 0;

  constructor(
    private readonly session: object,
    private readonly validator: EntityValidator | undefined,
  ) {}

  async before(changeSets: readonly ChangeSet[]): Promise<boolean> {
    let last: ChangeSet | undefined;
    for (const cs of changeSets) {
      const names = cs.meta.hooks?.[BEFORE[cs.type]];
      if (!names) continue;
      const ran = this.ran[cs.type];
      if (ran.has(cs.entity)) continue;
      ran.add(cs.entity);
      last = cs;
      const pending = callHooks(cs.entity, names, this.args(BEFORE[cs.type], cs));
      if (pending) await pending;
    }
    if (last && ++this.rounds > MAX_ROUNDS) throw UsageError.hookLoop(MAX_ROUNDS, last.meta.name, BEFORE[last.type]);
    return last !== undefined;
  }

  validate(changeSets: readonly ChangeSet[]): Promise<void> {
    return this.validator ? this.validator.validate(changeSets) : Promise.resolve();
  }

  async after(changeSets: readonly ChangeSet[]): Promise<void> {
    for (const cs of changeSets) {
      const names = cs.meta.hooks?.[AFTER[cs.type]];
      if (!names) continue;
      const pending = callHooks(cs.entity, names, this.args(AFTER[cs.type], cs));
      if (pending) await pending;
    }
  }

  private args(event: HookEvent, cs: ChangeSet): HookArgs<object, unknown> {
    const changed = cs.type === 'update' ? cs.changed.map((i) => cs.meta.properties[i].name) : NOTHING_CHANGED;
    return { event, entity: cs.entity, em: this.session, changed };
  }
}

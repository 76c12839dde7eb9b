import type { AfterFlushEvent as AfterFlushOf, BeforeFlushEvent as BeforeFlushOf, FlushEvent as FlushOf } from '../events/lifecycle-events';
import type { EventSubscriber as SubscriberOf } from '../lifecycle/event-subscriber';
import type { HookArgs as HookArgsOf } from '../metadata/hook-metadata';
import type { ChangeSet } from '../unit-of-work/change-set';
import type { EntityManager } from './entity-manager';

/** The public faces of the lifecycle types, with the session fixed to the `EntityManager` (see docs/lifecycle.md). */

/** What an entity hook method is called with (`@BeforeUpdate() touch({ em, changed }: HookArgs<User>) {}`). */
export type HookArgs<T = object> = HookArgsOf<T, EntityManager>;

/** `orm.subscribe(subscriber)`: any of `beforeFlush`, `onFlush`, `afterFlush`, `afterCommit`, `afterRollback`. */
export type EventSubscriber = SubscriberOf<EntityManager, ChangeSet>;

/** `beforeFlush`: nothing computed yet; `session` is the flushing EntityManager. */
export type BeforeFlushEvent = BeforeFlushOf<EntityManager>;

/** `onFlush`: the change sets computed, before validation and any statement. */
export type FlushEvent = FlushOf<EntityManager, ChangeSet>;

/** `afterFlush`: the statements ran, inside the still open transaction. */
export type AfterFlushEvent = AfterFlushOf<EntityManager, ChangeSet>;

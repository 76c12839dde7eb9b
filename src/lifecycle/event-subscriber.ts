import { UsageError } from '../errors/usage-error';
import type { EventBus } from '../events/event-bus';
import type { AfterFlushEvent, BeforeFlushEvent, CommitEvent, FlushEvent, LifecycleEvents, RollbackEvent } from '../events/lifecycle-events';

/**
 * An object listening to the unit of work's events (any of its methods; see events/lifecycle-events.ts for when each
 * comes). `S` is the session (Tessera's public `EventSubscriber` fixes it to the `EntityManager`), `C` a change set.
 */
export interface EventSubscriber<S, C> {
  beforeFlush?(event: BeforeFlushEvent<S>): void | Promise<void>;
  onFlush?(event: FlushEvent<S, C>): void | Promise<void>;
  afterFlush?(event: AfterFlushEvent<S, C>): void | Promise<void>;
  afterCommit?(event: CommitEvent): void | Promise<void>;
  afterRollback?(event: RollbackEvent): void | Promise<void>;
}

const EVENTS = ['beforeFlush', 'onFlush', 'afterFlush', 'afterCommit', 'afterRollback'] as const;

/** Subscribes each of `subscriber`'s methods (called with the subscriber as `this`); returns the unsubscribe. */
export function subscribe<S, C>(bus: EventBus<LifecycleEvents<S, C>>, subscriber: EventSubscriber<S, C>): () => void {
  const present = EVENTS.filter((name) => subscriber?.[name] !== undefined);
  if (present.length === 0) throw UsageError.badSubscriber('', EVENTS);
  for (const name of present) if (typeof subscriber[name] !== 'function') throw UsageError.badSubscriber(name, EVENTS);
  const offs = present.map((name) => {
    const method = subscriber[name] as (event: unknown) => void | Promise<void>;
    return bus.on(name, (event: unknown) => method.call(subscriber, event));
  });
  return () => offs.forEach((off) => off());
}

import type { EntityMetadata } from '../metadata/entity-metadata';
import type { FlushBatch } from './flush-plan';

/**
 * The unit of work's side of a flush plan: each dialect-facing batch with the bookkeeping the dialect never sees.
 * Nothing here is written to once planned; resolving a `PendingKey` makes a new batch (`flush-runner.ts`).
 */
export interface PlannedBatch<B extends FlushBatch = FlushBatch> {
  readonly batch: B;
  /** The entity behind each row (each key of a delete), in row order; none for pivot rows. */
  readonly entities: readonly object[];
  /** Whether some value is a `PendingKey`: the key an earlier batch's INSERT generates, filled in before it runs. */
  readonly pending: boolean;
  /** An UPDATE that only serves an insert or delete of the same flush (a deferred or nulled foreign key). */
  readonly auxiliary?: true;
}

export interface FlushPlan {
  /** In the order they run. */
  readonly batches: readonly PlannedBatch[];
  /** The entities whose generated keys `PendingKey`s wait for. */
  readonly pendingTargets: ReadonlySet<EntityMetadata>;
}

/** What the database handed back: generated keys per insert batch, in row order, in the driver's form. */
export interface FlushOutcome {
  readonly generatedKeys: ReadonlyMap<PlannedBatch, readonly unknown[]>;
}

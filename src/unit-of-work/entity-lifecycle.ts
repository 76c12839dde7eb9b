import type { EntityMetadata } from '../metadata/entity-metadata';
import type { ChangeSet } from './change-set';
import type { IdentityMap } from './identity-map';

/**
 * @internal What the unit of work calls out to around a flush and a load: entity hooks and validation, which live
 * in lifecycle/ and are injected, so that this folder knows neither. An Orm whose entities have no hooks and
 * validate nothing injects none, and the flush and load paths pay one property read.
 */
export interface EntityLifecycle {
  /** The steps of one flush; undefined when no entity has flush hooks and nothing validates. */
  startFlush(session: object): FlushSteps | undefined;
  /** Runs the `afterLoad` hooks of an entity just hydrated whole; undefined when no entity has one. */
  readonly afterLoad: ((entity: object, meta: EntityMetadata, session: object | undefined) => void) | undefined;
}

/** One flush's calls out, in the order the flush makes them. */
export interface FlushSteps {
  /**
   * Runs the before-write hooks (`beforeCreate`, `beforeUpdate`, `beforeDelete`) of the tracked entities that are
   * new, changed (by their snapshot) or removed and whose hooks have not run yet in this flush. Resolves true when
   * any ran: hooks may have changed, persisted or removed entities, so the unit of work cascades and calls this
   * again until none is left to run, then computes the change sets once.
   */
  before(identityMap: IdentityMap): Promise<boolean>;
  /** The final change sets, before any statement: rejects (a `ValidationError`) when an insert or update is invalid. */
  validate(changeSets: readonly ChangeSet[]): Promise<void>;
  /** The flush is written and applied to the entities (keys, versions, snapshots): the after-write hooks. */
  after(changeSets: readonly ChangeSet[]): Promise<void>;
}

import type { Hydrator, Row } from '../mapper/entity-mapper';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { EntityLoader } from '../relations/entity-loader';
import { UnitOfWork } from '../unit-of-work/unit-of-work';
import type { OrmContext } from './orm-context';

/**
 * Hydrates one streamed batch into entities that no identity map tracks, so a stream of a million rows leaves
 * the caller's EntityManager as it found it and memory holds one batch. A unit of work made for the batch (and
 * dropped with it) gives the batch's to-one relations their stubs; its loader has no connection, so a collection
 * of a streamed entity is detached (loading it is a `UsageError`) and a flush never sees a streamed entity.
 * Each entity hydrated whole runs its `afterLoad` hooks, with `session` (the streaming EntityManager) as their
 * `em`; a `fields` stream's partial entities run none, as a partial load does.
 */
export function hydrateDetached<T extends object>(
  context: OrmContext,
  meta: EntityMetadata<T>,
  hydrate: Hydrator<T>,
  rows: readonly Row[],
  session: object | undefined,
  partial = false,
): T[] {
  const { loader } = new UnitOfWork(context.metadata, context.mappers, (uow) => new EntityLoader(uow, context));
  const afterLoad = partial ? undefined : context.lifecycle?.afterLoad;
  const entities = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const entity = hydrate(rows[i], loader);
    if (afterLoad) afterLoad(entity, meta, session);
    entities[i] = entity;
  }
  return entities;
}

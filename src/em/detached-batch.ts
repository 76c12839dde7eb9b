import type { Hydrator, Row } from '../mapper/entity-mapper';
import { EntityLoader } from '../relations/entity-loader';
import { UnitOfWork } from '../unit-of-work/unit-of-work';
import type { OrmContext } from './orm-context';

/**
 * Hydrates one streamed batch into entities that no identity map tracks, so a stream of a million rows leaves
 * the caller's EntityManager as it found it and memory holds one batch. A unit of work made for the batch (and
 * dropped with it) gives the batch's to-one relations their stubs; its loader has no connection, so a collection
 * of a streamed entity is detached (loading it is a `UsageError`) and a flush never sees a streamed entity.
 */
export function hydrateDetached<T extends object>(context: OrmContext, hydrate: Hydrator<T>, rows: readonly Row[]): T[] {
  const { loader } = new UnitOfWork(context.metadata, context.mappers, (uow) => new EntityLoader(uow, context));
  const entities = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) entities[i] = hydrate(rows[i], loader);
  return entities;
}

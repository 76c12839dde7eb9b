import type { EntityManager } from '../../em/entity-manager';
import { UsageError } from '../../errors/usage-error';
import type { Orm } from '../../orm';

/** @internal The Orms `TesseraModule` opened and has not closed yet: where `@Transactional()` finds its Orm. */
const open = new Set<Orm>();

/** @internal */
export function registerOrm(orm: Orm): void {
  open.add(orm);
}

/** @internal */
export function unregisterOrm(orm: Orm): void {
  open.delete(orm);
}

/**
 * @internal The Orm a decorated method works with, and its request context's EntityManager: the Orm whose request
 * context the call runs in, else the only one open (a cron job, a queue consumer, a script).
 */
export function ormOf(method: string): { orm: Orm; em?: EntityManager } {
  for (const orm of open) {
    const em = orm.contextEntityManager();
    if (em) return { orm, em };
  }
  if (open.size !== 1) throw UsageError.transactionalWithoutOrm(method, open.size);
  return { orm: open.values().next().value as Orm };
}

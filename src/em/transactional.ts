import { CommitOutcomeUnknownError } from '../errors/driver-error';
import type { TransactionOptions } from '../dialects/driver';
import { EntityLoader } from '../relations/entity-loader';
import type { UnitOfWork } from '../unit-of-work/unit-of-work';
import type { OrmContext } from './orm-context';
import { StatementRoute } from './statement-route';
import { TransactionScope } from './transaction-scope';

/** Builds the EntityManager a transaction's callback gets, over its unit of work and statement route. */
export type TransactionSession<E> = (uow: UnitOfWork, statements: StatementRoute) => E;

/**
 * `em.transactional`: `work` runs with an EntityManager of its own, over a copy of the identity map, on the
 * transaction's connection (a savepoint inside another transaction), and is flushed before the commit. The outer
 * unit of work adopts the copy only once the transaction committed; a rollback leaves it as it was, and a commit
 * whose outcome is unknown marks what the transaction touched so that it is not flushed again blindly.
 */
export async function runTransactional<E extends { flush(): Promise<void> }, R>(
  context: OrmContext,
  uow: UnitOfWork,
  outer: StatementRoute,
  session: TransactionSession<E>,
  work: (em: E) => Promise<R>,
  options: TransactionOptions,
): Promise<R> {
  let child: UnitOfWork | undefined;
  const run = (scope: TransactionScope) => {
    const statements = new StatementRoute(context.driver, scope, context.events);
    // The transaction's loads run on its connection; its loader also takes the lazy loads its callback makes of
    // entities from before it, but not those made elsewhere while it is open (they stay on the outer EntityManager).
    const tx = uow.transactionChild((owner) => new EntityLoader(owner, context, (query) => statements.rows(query), uow.loader));
    child = tx;
    const em = session(tx, statements);
    return tx.loader.runTransaction(async () => {
      const result = await work(em);
      await em.flush();
      return result;
    });
  };
  let result: R;
  try {
    result = outer.scope ? await outer.scope.nested(run) : await TransactionScope.run(context.driver, options, run, context.events);
  } catch (error) {
    if (error instanceof CommitOutcomeUnknownError && child) uow.adoptUnknownOutcome(child);
    throw error;
  }
  uow.adopt(child as UnitOfWork);
  return result;
}

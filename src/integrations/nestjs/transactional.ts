import type { TransactionOptions } from '../../dialects/driver';
import type { EntityManager } from '../../em/entity-manager';
import { ormOf } from './orm-registry';

/** The EntityManagers of transactions `@Transactional()` began: a decorated method called inside one joins it. */
const begun = new WeakSet<EntityManager>();

/**
 * Runs a service method in a transaction of the current request context's EntityManager (a fresh fork outside
 * any): while it runs, the `EntityManager` and the repositories injected anywhere resolve to the transaction's,
 * and its changes are flushed and committed when it returns, rolled back when it throws. Called inside another
 * `@Transactional()` method it joins that transaction (no savepoint; `options` apply to the outermost only):
 * its changes are flushed with the outer method's, and its throw, unless caught, rolls the whole back.
 * The Orm is the one `TesseraModule.forRoot()` opened.
 * @example
 * @Transactional()
 * async transfer(from: number, to: number, amount: number): Promise<void> {
 *   const [a, b] = await Promise.all([this.accounts.findOneOrFail({ id: from }), this.accounts.findOneOrFail({ id: to })]);
 *   a.balance -= amount; b.balance += amount;
 * }
 */
export function Transactional(options: TransactionOptions = {}) {
  return <M extends (...args: never[]) => Promise<unknown>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    const method = descriptor.value as M;
    const name = `${target.constructor.name}.${String(key)}`;
    descriptor.value = function (this: unknown, ...args: never[]) {
      return inTransaction(name, options, () => method.apply(this, args));
    } as M;
  };
}

async function inTransaction<R>(name: string, options: TransactionOptions, call: () => Promise<R>): Promise<R> {
  const { orm, em } = ormOf(name);
  if (em && begun.has(em)) return call();
  return (em ?? orm.em.fork()).transactional((tx) => {
    begun.add(tx);
    return orm.withEntityManager(tx, call);
  }, options);
}

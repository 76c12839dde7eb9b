import { UsageError } from '../errors/usage-error';
import { EntityManager } from './entity-manager';

/** The methods that do work: the global EntityManager hands each to the request context's fork. */
const REQUEST_BOUND = [
  'create',
  'persist',
  'remove',
  'flush',
  'find',
  'populate',
  'findOne',
  'count',
  'stream',
  'sql',
  'qb',
  'transactional',
  'getReference',
  'clear',
  'setFilterParams',
  'getFilterParams',
] as const satisfies readonly (keyof EntityManager)[];

/** These return the EntityManager for chaining: the global one returns itself, not the fork. */
const CHAINED: ReadonlySet<string> = new Set(['persist', 'remove', 'setFilterParams']);

/** These return a promise: outside a request context they reject rather than throw. */
const ASYNC: ReadonlySet<string> = new Set(['flush', 'find', 'populate', 'findOne', 'count', 'sql', 'transactional']);

type Method = (...args: unknown[]) => unknown;

/**
 * @internal `orm.em`: an EntityManager that works only through the fork of the request context it is called in
 * (`orm.requestContext()`), and refuses work elsewhere (`UsageError`). `fork()` and `getRepository()` are its own
 * (a repository taken from it follows the request context); `findOneOrFail` and the other composed methods reach
 * the fork through the methods they call.
 */
export class GlobalEntityManager extends EntityManager {
  static {
    for (const method of REQUEST_BOUND) {
      const chained = CHAINED.has(method);
      const async = ASYNC.has(method);
      (GlobalEntityManager.prototype as unknown as Record<string, Method>)[method] = function (this: GlobalEntityManager, ...args: unknown[]) {
        let fork: EntityManager;
        try {
          fork = this.requestFork(method);
        } catch (error) {
          if (async) return Promise.reject(error);
          throw error;
        }
        const result = (fork as unknown as Record<string, Method>)[method](...args);
        return chained ? this : result;
      };
    }
  }

  private requestFork(method: string): EntityManager {
    const em = this.context.requestContext.getStore();
    if (!em) throw UsageError.globalEntityManager(method);
    return em;
  }
}

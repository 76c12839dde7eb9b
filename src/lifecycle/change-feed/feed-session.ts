import type { TransactionOptions } from '../../dialects/driver';
import type { EntityClass } from '../../metadata/entity-metadata';
import type { SelectQueryBuilder } from '../../query/builder/select-query-builder';
import type { InternalRowSession } from '../internal-rows';

/**
 * @internal What the change feed needs of an EntityManager (lifecycle/ sits below em/): query builders and raw
 * SQL on its connection, transactions, and internal rows written in an afterFlush session's transaction.
 */
export interface FeedSession extends InternalRowSession {
  qb<T extends object>(entity: EntityClass<T>): SelectQueryBuilder<Record<never, T>, T>;
  sql<R extends object = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]): Promise<R[]>;
  transactional<R>(work: (session: FeedSession) => Promise<R>, options?: TransactionOptions): Promise<R>;
}

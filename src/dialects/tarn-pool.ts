import { Pool, TimeoutError } from 'tarn';
import { ConnectionError } from '../errors/driver-error';
import type { PoolOptions, PoolStats } from './driver';

/** What a pooled client must say about itself: a client whose socket failed is not handed out again. */
export interface PooledClient {
  broken: boolean;
}

const DEFAULT_MAX = 10;

/** A tarn pool over any client, shared by the PostgreSQL and MySQL drivers. */
export function createPool<C extends PooledClient>(
  options: PoolOptions | undefined,
  create: () => Promise<C>,
  destroy: (client: C) => Promise<void>,
): Pool<C> {
  return new Pool<C>({
    create,
    destroy,
    validate: (client) => !client.broken,
    min: options?.min ?? 0,
    max: options?.max ?? DEFAULT_MAX,
    acquireTimeoutMillis: options?.acquireTimeoutMillis ?? ACQUIRE_TIMEOUT,
    propagateCreateError: true,
  });
}

const ACQUIRE_TIMEOUT = 30_000;

/** A client from the pool; waiting past `acquireTimeoutMillis` is the same `ConnectionError` on every dialect. */
export async function acquireClient<C extends PooledClient>(pool: Pool<C>, dialect: string, options: PoolOptions | undefined): Promise<C> {
  try {
    return await pool.acquire().promise;
  } catch (error) {
    if (error instanceof TimeoutError) throw ConnectionError.acquireTimeout(dialect, options?.acquireTimeoutMillis ?? ACQUIRE_TIMEOUT);
    throw error;
  }
}

/** The stats of a tarn pool (a connection being created counts as used: it is already spoken for). */
export function tarnPoolStats<C extends PooledClient>(pool: Pool<C> | undefined, options: PoolOptions | undefined): PoolStats {
  const used = (pool?.numUsed() ?? 0) + (pool?.numPendingCreates() ?? 0);
  const free = pool?.numFree() ?? 0;
  return { size: used + free, used, free, pending: pool?.numPendingAcquires() ?? 0, max: options?.max ?? DEFAULT_MAX };
}

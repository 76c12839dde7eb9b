import { Pool } from 'tarn';
import type { PoolOptions } from './driver';

/** What a pooled client must say about itself: a client whose socket failed is not handed out again. */
export interface PooledClient {
  broken: boolean;
}

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
    max: options?.max ?? 10,
    acquireTimeoutMillis: options?.acquireTimeoutMillis ?? 30_000,
    propagateCreateError: true,
  });
}

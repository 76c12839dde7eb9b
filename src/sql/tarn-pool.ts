import { Pool, TimeoutError } from 'tarn';
import { ConnectionError } from '../errors/driver-error';
import type { PoolOptions, PoolStats } from '../dialects/driver';

/**
 * What a pooled client must say about itself: a client whose socket failed or closed, or whose statement was
 * abandoned, is `broken` and never handed out or counted again.
 */
export interface PooledClient {
  broken: boolean;
}

const DEFAULT_MAX = 10;
const ACQUIRE_TIMEOUT = 30_000;

/**
 * A tarn pool that lets go of broken clients: one released broken is destroyed at once (tarn would keep it as
 * free until its next validation), and one that broke while idle (its socket closed) is dropped before the pool
 * is counted, so `poolStats()` never shows a dead connection as free.
 */
export class HealingPool<C extends PooledClient> extends Pool<C> {
  override release(client: C): boolean {
    if (!client.broken) return super.release(client);
    const at = this.used.findIndex((used) => used.resource === client);
    if (at < 0) return false;
    this.used.splice(at, 1)[0].resolve();
    void this._destroy(client);
    this._tryAcquireOrCreate();
    return true;
  }

  /**
   * Marks every client handed out broken and destroys it now, without waiting for its holder (who finds it
   * closed at its next statement; releasing it later is a no-op). Returns how many there were.
   */
  abandonUsed(): number {
    const held = this.used.map((used) => used.resource);
    for (const client of held) {
      client.broken = true;
      this.release(client);
    }
    return held.length;
  }

  dropBroken(): void {
    if (!this.free.some((free) => free.resource.broken)) return;
    const kept = [];
    for (const free of this.free) {
      if (!free.resource.broken) {
        kept.push(free);
        continue;
      }
      free.settle();
      void this._destroy(free.resource);
    }
    this.free = kept;
  }
}

/**
 * A tarn pool over any client, shared by the PostgreSQL and MySQL drivers. `connectTimeoutMs` is the driver's
 * own deadline for `create`; tarn's is set past it so that the driver's clearer error is the one reported.
 */
export function createPool<C extends PooledClient>(
  options: PoolOptions | undefined,
  connectTimeoutMs: number,
  create: () => Promise<C>,
  destroy: (client: C) => Promise<void>,
): HealingPool<C> {
  return new HealingPool<C>({
    create,
    destroy,
    validate: (client) => !client.broken,
    min: options?.min ?? 0,
    max: options?.max ?? DEFAULT_MAX,
    acquireTimeoutMillis: options?.acquireTimeoutMillis ?? ACQUIRE_TIMEOUT,
    createTimeoutMillis: connectTimeoutMs + 1000,
    propagateCreateError: true,
  });
}

/**
 * A client from the pool; waiting past `acquireTimeoutMillis` is the same `ConnectionError` on every dialect,
 * which tells a pool whose connections are all held from a server that does not answer new ones.
 */
export async function acquireClient<C extends PooledClient>(pool: HealingPool<C>, dialect: string, options: PoolOptions | undefined): Promise<C> {
  try {
    return await pool.acquire().promise;
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    const ms = options?.acquireTimeoutMillis ?? ACQUIRE_TIMEOUT;
    throw pool.numPendingCreates() > 0 ? ConnectionError.acquireTimeoutConnecting(dialect, ms) : ConnectionError.acquireTimeout(dialect, ms);
  }
}

/** The stats of a tarn pool (a connection being created counts as used: it is already spoken for). */
export function tarnPoolStats<C extends PooledClient>(pool: HealingPool<C> | undefined, options: PoolOptions | undefined): PoolStats {
  pool?.dropBroken();
  const used = (pool?.numUsed() ?? 0) + (pool?.numPendingCreates() ?? 0);
  const free = pool?.numFree() ?? 0;
  return { size: used + free, used, free, pending: pool?.numPendingAcquires() ?? 0, max: options?.max ?? DEFAULT_MAX };
}

import Redis from 'ioredis';

/** The shared Redis (127.0.0.1:6379) that cache tests use, each under a prefix of its own. */
export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

/** A prefix no other test file or run uses: `tessera-test:<name>:<pid>:`. */
export function testRedisPrefix(name: string): string {
  return `tessera-test:${name}:${process.pid}:`;
}

/** Deletes the keys under `prefix` on the shared Redis (never anything else: no FLUSHALL). */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(SHARED_REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

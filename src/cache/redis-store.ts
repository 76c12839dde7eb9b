import { randomBytes } from 'node:crypto';
import type { RedisCacheConnection } from './cache-options';
import { LEASE_MS, type CacheStore, type StoreEntry, type StoreRead } from './cache-store';

/** The part of an ioredis client the store uses (ioredis is an optional peer, loaded on use). */
export interface RedisCacheClient {
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
  incr(key: string): Promise<number>;
  disconnect(): void;
  readonly status: string;
  on(event: 'error' | 'ready', listener: (error?: Error) => void): unknown;
  once(event: 'ready' | 'error' | 'end', listener: (error?: Error) => void): unknown;
  off(event: 'ready' | 'error' | 'end', listener: (error?: Error) => void): unknown;
}

/** ioredis's default export. */
export interface RedisCacheConstructor {
  new (url: string, options: object): RedisCacheClient;
  new (options: object): RedisCacheClient;
}

type Scripted = RedisCacheClient & {
  tesseraCacheRead(...args: (string | number)[]): Promise<(string | null)[]>;
  tesseraCacheWrite(...args: (string | number)[]): Promise<number>;
  tesseraCacheInvalidate(...args: (string | number)[]): Promise<number>;
};

/** A tag's token lives a day: should it expire (or be evicted), a new one simply invalidates its entries. */
const TAG_TTL_MS = 86_400_000;

/*
 * Every key lives under `<prefix><epoch>:`, the epoch read from `<prefix>epoch` inside each script, so that one
 * INCR abandons everything written before (entries then expire by their TTL). Keys are built inside the scripts
 * from the prefix, so the store needs a single Redis (not a cluster).
 */
const NAMESPACE = `local p = ARGV[1]
local epoch = redis.call('GET', p .. 'epoch') or '0'
local ns = p .. epoch .. ':'`;

/** ARGV: prefix, seed, lease ms, tag count, tags.., keys.. → epoch, stamp, then per key its value or nil (leased). */
const READ = `${NAMESPACE}
local seed = ARGV[2]
local nt = tonumber(ARGV[4])
local tokens = {}
for i = 1, nt do
  local tk = ns .. 't:' .. ARGV[4 + i]
  local v = redis.call('GET', tk)
  if not v then
    v = seed .. '.t' .. (i - 1)
    redis.call('SET', tk, v, 'PX', ${TAG_TTL_MS})
  end
  tokens[i] = v
end
local stamp = 'E' .. table.concat(tokens, ',') .. '|'
local out = { epoch, stamp }
local first = 5 + nt
for j = first, #ARGV do
  local k = ns .. 'k:' .. ARGV[j]
  local v = redis.call('GET', k)
  if v and string.sub(v, 1, #stamp) == stamp then
    out[#out + 1] = string.sub(v, #stamp + 1)
  else
    redis.call('SET', k, 'L' .. seed .. '.' .. (j - first), 'PX', ARGV[3])
    out[#out + 1] = false
  end
end
return out`;

/** ARGV: prefix, epoch, stamp, seed, ttl ms, tag count, tags.., then (key, index, value) triples → written. */
const WRITE = `local p = ARGV[1]
local epoch = ARGV[2]
if (redis.call('GET', p .. 'epoch') or '0') ~= epoch then return 0 end
local ns = p .. epoch .. ':'
local stamp = ARGV[3]
local nt = tonumber(ARGV[6])
local tokens = {}
for i = 1, nt do tokens[i] = redis.call('GET', ns .. 't:' .. ARGV[6 + i]) or '' end
if 'E' .. table.concat(tokens, ',') .. '|' ~= stamp then return 0 end
local n = 0
local j = 7 + nt
while j <= #ARGV do
  local k = ns .. 'k:' .. ARGV[j]
  if redis.call('GET', k) == 'L' .. ARGV[4] .. '.' .. ARGV[j + 1] then
    redis.call('SET', k, stamp .. ARGV[j + 2], 'PX', ARGV[5])
    n = n + 1
  end
  j = j + 3
end
return n`;

/** ARGV: prefix, tag count, tags.., keys.. */
const INVALIDATE = `${NAMESPACE}
local nt = tonumber(ARGV[2])
for i = 3, #ARGV do
  if i <= 2 + nt then redis.call('DEL', ns .. 't:' .. ARGV[i]) else redis.call('DEL', ns .. 'k:' .. ARGV[i]) end
end
return 1`;

/**
 * The store on Redis: each operation of `CacheStore` is one Lua script (EVALSHA, ioredis falls back to EVAL
 * once), so a read of a batch of keys, its leases included, is one round trip.
 *
 * Outages: commands are never queued while disconnected and time out after `commandTimeoutMs`, so the caller
 * reads the database at once. A failed command marks the store *dirty*: an invalidation may have been lost, so
 * before the next command after it Tessera moves the namespace epoch on (INCR), and no entry written before can
 * be served again, by this process or any other. ioredis reconnects by itself, with a growing delay.
 */
export class RedisStore implements CacheStore {
  private readonly client: Scripted;
  private dirty = false;
  private recovering: Promise<void> | undefined;
  private readonly seedBase = randomBytes(6).toString('hex');
  private reads = 0;

  constructor(Redis: RedisCacheConstructor, connection: RedisCacheConnection, private readonly prefix: string, commandTimeoutMs: number) {
    const options = {
      enableOfflineQueue: false,
      commandTimeout: commandTimeoutMs,
      maxRetriesPerRequest: 0,
      retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    };
    const client = typeof connection === 'string' ? new Redis(connection, options) : new Redis({ ...connection, ...options });
    // Failures reach the callers through their commands; without a listener ioredis prints every reconnection.
    client.on('error', () => undefined);
    // Back after an outage: move the epoch on at once rather than at the next command.
    client.on('ready', () => void (this.dirty && (this.recovering ??= this.recover()).catch(() => undefined)));
    client.defineCommand('tesseraCacheRead', { numberOfKeys: 0, lua: READ });
    client.defineCommand('tesseraCacheWrite', { numberOfKeys: 0, lua: WRITE });
    client.defineCommand('tesseraCacheInvalidate', { numberOfKeys: 0, lua: INVALIDATE });
    this.client = client as Scripted;
  }

  /** Waits (at most `ms`) for the first connection, so that an Orm's first reads find Redis ready. Never fails. */
  ready(ms: number): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.client.off('ready', done);
        this.client.off('end', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.client.once('ready', done);
      this.client.once('end', done);
    });
  }

  async read(keys: readonly string[], tags: readonly string[]): Promise<StoreRead> {
    const seed = `${this.seedBase}${(this.reads++).toString(36)}`;
    const reply = await this.command(() => this.client.tesseraCacheRead(this.prefix, seed, LEASE_MS, tags.length, ...tags, ...keys));
    const values = keys.map((_, i) => reply[2 + i] ?? undefined);
    return { keys, tags, values, epoch: reply[0] as string, stamp: reply[1] as string, seed };
  }

  async write(read: StoreRead, entries: readonly StoreEntry[], ttlMs: number): Promise<number> {
    if (entries.length === 0) return 0;
    const args: (string | number)[] = [this.prefix, read.epoch, read.stamp, read.seed, Math.ceil(ttlMs), read.tags.length, ...read.tags];
    for (const { index, value } of entries) args.push(read.keys[index], index, value);
    return this.command(() => this.client.tesseraCacheWrite(...args));
  }

  async invalidate(keys: readonly string[], tags: readonly string[]): Promise<void> {
    if (keys.length === 0 && tags.length === 0) return;
    await this.command(() => this.client.tesseraCacheInvalidate(this.prefix, tags.length, ...tags, ...keys));
  }

  async clear(): Promise<void> {
    await this.command(() => this.client.incr(`${this.prefix}epoch`));
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }

  /** Runs a command once the namespace is safe; a failure marks the store dirty and is thrown. */
  private async command<R>(run: () => Promise<R>): Promise<R> {
    try {
      if (this.dirty) await (this.recovering ??= this.recover());
      return await run();
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  /** After a failure: a new epoch, so that nothing written before it (and maybe not invalidated) is served. */
  private async recover(): Promise<void> {
    try {
      await this.client.incr(`${this.prefix}epoch`);
      this.dirty = false;
    } finally {
      this.recovering = undefined;
    }
  }
}

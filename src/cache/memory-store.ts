import { randomBytes } from 'node:crypto';
import { LEASE_MS, leaseOf, stampOf, type CacheStore, type StoreEntry, type StoreRead } from './cache-store';

interface Slot {
  readonly value: string;
  readonly expires: number;
}

/**
 * The embedded store: an LRU map in this process (entries and leases share it; a `Map` keeps insertion order, so
 * the first key is the least recently used), with the protocol of `CacheStore` run synchronously. Tag tokens live
 * apart and are never evicted (one per table). Its entries are this process's only.
 */
export class MemoryStore implements CacheStore {
  private readonly slots = new Map<string, Slot>();
  private readonly tokens = new Map<string, string>();
  private readonly seedBase = randomBytes(6).toString('hex');
  private reads = 0;

  constructor(private readonly maxEntries = 10_000) {}

  async read(keys: readonly string[], tags: readonly string[]): Promise<StoreRead> {
    const seed = `${this.seedBase}${(this.reads++).toString(36)}`;
    const stamp = stampOf(tags.map((tag, i) => this.tokenOf(tag, `${seed}.t${i}`)));
    const values = keys.map((key, index) => {
      const slot = this.get(key);
      if (slot?.startsWith(stamp)) return slot.slice(stamp.length);
      this.set(key, leaseOf(seed, index), LEASE_MS);
      return undefined;
    });
    return { keys, tags, values, epoch: '0', stamp, seed };
  }

  async write(read: StoreRead, entries: readonly StoreEntry[], ttlMs: number): Promise<number> {
    if (stampOf(read.tags.map((tag) => this.tokens.get(tag) ?? '')) !== read.stamp) return 0;
    let written = 0;
    for (const { index, value } of entries) {
      const key = read.keys[index];
      if (this.get(key) !== leaseOf(read.seed, index)) continue;
      this.set(key, read.stamp + value, ttlMs);
      written++;
    }
    return written;
  }

  async invalidate(keys: readonly string[], tags: readonly string[]): Promise<void> {
    for (const key of keys) this.slots.delete(key);
    for (const tag of tags) this.tokens.delete(tag);
  }

  async clear(): Promise<void> {
    this.slots.clear();
    this.tokens.clear();
  }

  close(): Promise<void> {
    return this.clear();
  }

  private tokenOf(tag: string, fresh: string): string {
    let token = this.tokens.get(tag);
    if (token === undefined) this.tokens.set(tag, (token = fresh));
    return token;
  }

  private get(key: string): string | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    this.slots.delete(key);
    if (slot.expires <= Date.now()) return undefined;
    this.slots.set(key, slot);
    return slot.value;
  }

  private set(key: string, value: string, ttlMs: number): void {
    this.slots.delete(key);
    this.slots.set(key, { value, expires: Date.now() + ttlMs });
    if (this.slots.size > this.maxEntries) this.slots.delete(this.slots.keys().next().value as string);
  }
}

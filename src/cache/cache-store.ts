/**
 * What a cache store must do, in one round trip per call. Keys and tags are strings without the store's prefix.
 *
 * The protocol that keeps a slow reader from putting an old row back after a writer's invalidation:
 * - `read` answers every key: its value when it is an entry written under the current token of every tag in
 *   `tags`, else nothing, and then it puts a *lease* (a value unique to this read) on the key;
 * - the caller reads the database and `write`s the misses: each is stored only where its key still holds this
 *   read's lease and every tag still has the token the read saw;
 * - `invalidate` deletes keys (and so any lease on them) and drops tags' tokens (the next read makes new ones).
 * A reader whose database read raced with a commit has either lost its lease to the writer's invalidation (its
 * write is refused) or began after it (it read the committed row).
 */
export interface CacheStore {
  read(keys: readonly string[], tags: readonly string[]): Promise<StoreRead>;
  /** Fills misses of `read` (by their index in its keys); resolves to how many were written. */
  write(read: StoreRead, entries: readonly StoreEntry[], ttlMs: number): Promise<number>;
  invalidate(keys: readonly string[], tags: readonly string[]): Promise<void>;
  /** Drops every entry (Redis: moves the namespace epoch on, for every process sharing the prefix). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** A value to store for the key at `index` of the read. */
export interface StoreEntry {
  readonly index: number;
  readonly value: string;
}

/** What `read` found, and what its `write` needs to prove nothing changed meanwhile. */
export interface StoreRead {
  readonly keys: readonly string[];
  readonly tags: readonly string[];
  /** Per key: the cached value, or undefined (a miss; a lease was taken). */
  readonly values: readonly (string | undefined)[];
  /** The namespace the read ran in (Redis: the epoch after outages), the tags' tokens, and this read's lease seed. */
  readonly epoch: string;
  readonly stamp: string;
  readonly seed: string;
}

/** The lease `read` puts on its `index`-th key. */
export const leaseOf = (seed: string, index: number): string => `L${seed}.${index}`;

/** The prefix of an entry written under these tag tokens. */
export const stampOf = (tokens: readonly string[]): string => `E${tokens.join(',')}|`;

/** How long a lease holds a key for a reader's database read, in ms: longer than any read should take. */
export const LEASE_MS = 60_000;

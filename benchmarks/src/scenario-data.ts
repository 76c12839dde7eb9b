/** One row's worth of input, identical for every contender. */
export interface ItemData {
  readonly name: string;
  readonly email: string;
  readonly age: number;
  readonly score: number;
  readonly createdAt: Date;
}

export const ITEM_COUNT = 10_000;
export const FIND_COUNT = 5_000;

/**
 * S3 adds this to every age. Seeded ages are 18..80, so "every row was updated" is `age >= AGE_BUMP` on all rows,
 * and each row gets its own value, which rules out a single `UPDATE ... SET age = constant`.
 */
export const AGE_BUMP = 1000;

const CREATED_BASE = Date.UTC(2024, 0, 1);

/** Deterministic data: the same seed gives every contender, dialect and run the same rows. */
export function generateItems(count: number, seed = 20240101): ItemData[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => ({
    name: `Item ${String(i).padStart(5, '0')}`,
    email: `item${i}@example.com`,
    age: 18 + Math.floor(random() * 63),
    score: Math.round(random() * 1_000_000) / 100,
    createdAt: new Date(CREATED_BASE + i * 1000),
  }));
}

/** A fixed, scattered sequence of ids to look up in S4 (a stride coprime with the count visits them out of order). */
export function pickLookupIds(ids: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => ids[(i * 7919) % ids.length]);
}

// A small, well-known 32-bit PRNG: Math.random() cannot be seeded.
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

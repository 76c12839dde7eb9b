/** S6 and S7's object graph: authors, their books, and (for S6 only) each book's tags from a shared pool. */
export interface BookData {
  readonly title: string;
  /** Indexes into `GraphData.tags`. S7 inserts no tags. */
  readonly tags: readonly number[];
}

export interface AuthorData {
  readonly name: string;
  readonly books: readonly BookData[];
}

export interface GraphData {
  readonly authors: readonly AuthorData[];
  readonly tags: readonly string[];
}

export const AUTHOR_COUNT = 1000;
export const BOOKS_PER_AUTHOR = 10;
export const TAG_COUNT = 100;

/**
 * Deterministic, like the items: every contender, dialect and run gets the same graph. Book k gets two distinct
 * tags, `k mod 100` and that plus an offset of 1..99 that varies with k, so the pairs spread over the pool.
 */
export function generateGraph(): GraphData {
  const tags = Array.from({ length: TAG_COUNT }, (_, i) => `Tag ${String(i).padStart(3, '0')}`);
  const authors = Array.from({ length: AUTHOR_COUNT }, (_, a) => {
    const author = String(a).padStart(4, '0');
    return {
      name: `Author ${author}`,
      books: Array.from({ length: BOOKS_PER_AUTHOR }, (_, b) => {
        const k = a * BOOKS_PER_AUTHOR + b;
        const first = k % TAG_COUNT;
        const second = (first + 1 + ((k * 7) % (TAG_COUNT - 1))) % TAG_COUNT;
        return { title: `Book ${author}-${String(b).padStart(2, '0')}`, tags: [first, second] };
      }),
    };
  });
  return { authors, tags };
}

import type { AuthorView, TaggedBookView, TagView } from '../graph-view';

/**
 * S3's `case when` updates go in chunks of this many rows: each row is compared with every arm, so the cost grows
 * with the square of the chunk. Measured with 100, 300, 1,000 and 3,000 on PostgreSQL and MariaDB: 100 was the
 * fastest or as fast as any (about 0.5 s against 1.2-1.8 s for 1,000 on PostgreSQL, on a loaded machine).
 */
export const UPDATE_CHUNK = 100;

/** S6's relational-query result on every dialect: authors → books → book_tags rows → tag. */
export interface DrizzleAuthorRow {
  readonly id: number;
  readonly name: string;
  readonly books: readonly {
    readonly id: number;
    readonly title: string;
    readonly bookTags: readonly { readonly tag: TagView }[];
  }[];
}

/** Unwraps the pivot rows into each book's tags, after the clock has stopped (as the ORMs' collections are). */
export function readDrizzleGraph(authors: readonly DrizzleAuthorRow[]): AuthorView<TaggedBookView>[] {
  return authors.map((a) => ({
    id: a.id,
    name: a.name,
    books: a.books.map((b) => ({ id: b.id, title: b.title, tags: b.bookTags.map((link) => link.tag) })),
  }));
}

import type { AuthorView, TaggedBookView, TagView } from '../graph-view';

/** S6's relational-query result (SQLite, PostgreSQL): authors → books → book_tags rows → tag. */
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

import type { AuthorData } from '../../graph-data';
import type { AuthorView, BookView } from '../graph-view';

/** Rows as the drivers return them for S6's three queries. */
export interface AuthorRow {
  id: number;
  name: string;
}

export interface BookRow {
  id: number;
  title: string;
  author_id: number;
}

/** A book_tags row joined to its tag: the row itself serves as the tag object (raw has no identity map to share). */
export interface TagRow {
  book_id: number;
  id: number;
  name: string;
}

export interface RawBook {
  readonly id: number;
  readonly title: string;
  readonly tags: TagRow[];
}

export interface RawAuthor {
  readonly id: number;
  readonly name: string;
  readonly books: RawBook[];
}

export const SELECT_AUTHORS = 'SELECT id, name FROM author';
export const SELECT_BOOKS = 'SELECT id, title, author_id FROM book';
export const SELECT_TAGS = 'SELECT bt.book_id, t.id, t.name FROM book_tags AS bt JOIN tag AS t ON t.id = bt.tag_id';

/**
 * Builds S6's object graph in plain JavaScript, as an ORM's hydration must (objects rather than rows, linked through
 * lookups on the foreign keys), one query's rows at a time: each step returns the ids the next query asks for.
 */
export class RawGraphBuilder {
  readonly authors: RawAuthor[] = [];
  readonly #authorsById = new Map<number, RawAuthor>();
  readonly #booksById = new Map<number, RawBook>();

  addAuthors(rows: readonly AuthorRow[]): number[] {
    const ids: number[] = [];
    for (const row of rows) {
      const author: RawAuthor = { id: row.id, name: row.name, books: [] };
      this.authors.push(author);
      this.#authorsById.set(row.id, author);
      ids.push(row.id);
    }
    return ids;
  }

  addBooks(rows: readonly BookRow[]): number[] {
    const ids: number[] = [];
    for (const row of rows) {
      const book: RawBook = { id: row.id, title: row.title, tags: [] };
      this.#authorsById.get(row.author_id)!.books.push(book);
      this.#booksById.set(row.id, book);
      ids.push(row.id);
    }
    return ids;
  }

  addTags(rows: readonly TagRow[]): void {
    for (const row of rows) this.#booksById.get(row.book_id)!.tags.push(row);
  }
}

/** S7's objects: the input with the ids its rows were given (`bookIds` in input order, all authors' books in turn). */
export function savedGraph(
  authors: readonly AuthorData[],
  authorIds: readonly number[],
  bookIds: readonly number[],
): AuthorView<BookView>[] {
  const saved: AuthorView<BookView>[] = [];
  let k = 0;
  authors.forEach((author, a) => {
    const books: BookView[] = [];
    for (const book of author.books) books.push({ id: bookIds[k++], title: book.title });
    saved.push({ id: authorIds[a], name: author.name, books });
  });
  return saved;
}

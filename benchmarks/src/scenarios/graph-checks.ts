import type { AuthorView, BookView, GraphReader, TaggedBookView, TagView } from '../contenders/graph-view';
import type { GraphCounts, SeededGraph, StoredBook } from '../fixture/graph-tables';
import type { AuthorData, GraphData } from '../graph-data';
import { VerificationError } from './verification-error';

/** Runs a contender's reader off the clock; a relation that was never loaded makes it throw, which fails the run. */
export function readGraph<B extends BookView>(
  reader: GraphReader<B>,
  scenario: string,
  contender: string,
): readonly AuthorView<B>[] {
  try {
    return reader();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new VerificationError(`${scenario} ${contender}: the objects could not be read back (${reason})`);
  }
}

/**
 * S6: throws unless the objects hold exactly the seeded graph: 1,000 authors, 10,000 books and 20,000 book-tag
 * links, every author with its name, its books by id and title, each book's tags by id and name. No ORDER BY was
 * asked for, so every level is sorted by id before comparing.
 */
export function expectLoadedGraph(
  authors: readonly AuthorView<TaggedBookView>[],
  graph: GraphData,
  seeded: SeededGraph,
  scenario: string,
  contender: string,
): void {
  const fail = (id: number, detail: string) => VerificationError.mismatch(scenario, contender, id, detail);
  const expectedBooks = graph.authors.flatMap((author) => author.books);
  const books = authors.flatMap((author) => author.books);
  const expectedLinks = expectedBooks.reduce((sum, book) => sum + book.tags.length, 0);
  const links = books.reduce((sum, book) => sum + book.tags.length, 0);
  if (authors.length !== graph.authors.length) {
    throw VerificationError.wrongResultCount(scenario, contender, graph.authors.length, authors.length);
  }
  if (books.length !== expectedBooks.length) {
    throw VerificationError.wrongNestedCount(scenario, contender, 'books', expectedBooks.length, books.length);
  }
  if (links !== expectedLinks) {
    throw VerificationError.wrongNestedCount(scenario, contender, 'book-tag links', expectedLinks, links);
  }

  byId(authors).forEach((author, a) => {
    const data = graph.authors[a];
    const authorId = seeded.authorIds[a];
    if (Number(author.id) !== authorId) throw VerificationError.badId(scenario, contender, a, author.id);
    if (author.name !== data.name) throw fail(authorId, `has name ${JSON.stringify(author.name)}`);
    if (author.books.length !== data.books.length) {
      throw fail(authorId, `has ${author.books.length} books, not ${data.books.length}`);
    }
    byId(author.books).forEach((book, b) => {
      const bookId = seeded.bookIds[a][b];
      if (Number(book.id) !== bookId || book.title !== data.books[b].title) {
        throw fail(authorId, `has book ${book.id} ${JSON.stringify(book.title)}`);
      }
      const tags = data.books[b].tags.map((t) => ({ id: seeded.tagIds[t], name: graph.tags[t] }));
      if (!sameTags(byId(book.tags), byId(tags))) throw fail(bookId, `(book) has tags ${JSON.stringify(book.tags)}`);
    });
  });
}

/**
 * S7: throws unless the tables hold exactly the authors and books asked for and the objects carry their rows' ids:
 * every book's row has its title and an author_id pointing at its own author's row.
 */
export function expectSavedGraph(
  authors: readonly AuthorView[],
  input: readonly AuthorData[],
  counts: GraphCounts,
  stored: ReadonlyMap<number, StoredBook>,
  scenario: string,
  contender: string,
): void {
  const fail = (id: number, detail: string) => VerificationError.mismatch(scenario, contender, id, detail);
  const expectedBooks = input.reduce((sum, author) => sum + author.books.length, 0);
  if (counts.authors !== input.length) {
    throw VerificationError.wrongRowCount(scenario, contender, input.length, counts.authors, 'author');
  }
  if (counts.books !== expectedBooks) {
    throw VerificationError.wrongRowCount(scenario, contender, expectedBooks, counts.books, 'book');
  }
  if (authors.length !== input.length) {
    throw VerificationError.wrongResultCount(scenario, contender, input.length, authors.length);
  }

  const authorIds = new Set<number>();
  const bookIds = new Set<number>();
  let bookIndex = 0;
  authors.forEach((author, a) => {
    const data = input[a];
    const authorId = newId(author.id, authorIds, () => VerificationError.badId(scenario, contender, a, author.id));
    if (author.name !== data.name) throw fail(authorId, `is not ${data.name}`);
    if (author.books.length !== data.books.length) {
      throw fail(authorId, `has ${author.books.length} books, not ${data.books.length}`);
    }
    author.books.forEach((book, b) => {
      const index = bookIndex++;
      const bookId = newId(book.id, bookIds, () => VerificationError.badId(scenario, contender, index, book.id));
      const row = stored.get(bookId);
      const title = data.books[b].title;
      if (book.title !== title || row?.title !== title) throw fail(bookId, `(book) is not ${title}`);
      if (row.authorId !== authorId || row.authorName !== data.name) {
        throw fail(bookId, `(book) has author_id ${row.authorId}, not ${authorId}`);
      }
    });
  });
}

function byId<T extends { readonly id: number }>(views: readonly T[]): T[] {
  return [...views].sort((x, y) => Number(x.id) - Number(y.id));
}

function sameTags(actual: readonly TagView[], expected: readonly TagView[]): boolean {
  return (
    actual.length === expected.length &&
    actual.every((tag, i) => Number(tag.id) === expected[i].id && tag.name === expected[i].name)
  );
}

/** A generated id: a positive integer not seen before, which then joins `seen`. */
function newId(id: unknown, seen: Set<number>, bad: () => VerificationError): number {
  const value = Number(id);
  if (!Number.isInteger(value) || value <= 0 || seen.has(value)) throw bad();
  seen.add(value);
  return value;
}

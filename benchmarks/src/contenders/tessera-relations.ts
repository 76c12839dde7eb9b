import type { EntityManager } from 'tessera-orm';
import type { AuthorData } from '../graph-data';
import type { BookView, GraphReader, TaggedBookView } from './graph-view';
import { TesseraAuthor, TesseraBook, TesseraTag } from './tessera-relation-entities';

/** S6 and S7 for the Tessera contender, through its relation API. */
export const TESSERA_RELATION_ENTITIES = [TesseraAuthor, TesseraBook, TesseraTag];

export async function loadTesseraGraph(em: EntityManager): Promise<GraphReader<TaggedBookView>> {
  const authors = await em.find(TesseraAuthor, {}, { populate: ['books', 'books.tags'] });
  return () =>
    authors.map((author) => ({
      id: author.id,
      name: author.name,
      books: author.books.getItems().map((book) => ({
        id: book.id,
        title: book.title,
        tags: book.tags.getItems(),
      })),
    }));
}

export async function insertTesseraGraph(
  em: EntityManager,
  authors: readonly AuthorData[],
): Promise<GraphReader<BookView>> {
  const created = authors.map((data) => {
    const author = new TesseraAuthor();
    author.name = data.name;
    const books = data.books.map((bookData) => {
      const book = new TesseraBook();
      book.title = bookData.title;
      // Adding to the collection sets book.author: the inverse side is kept in sync.
      author.books.add(book);
      return book;
    });
    // Only the author is persisted: its books follow by cascade.
    em.persist(author);
    return { author, books };
  });
  await em.flush();
  return () => created.map(({ author, books }) => ({ id: author.id, name: author.name, books }));
}

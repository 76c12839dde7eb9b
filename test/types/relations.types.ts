/**
 * Compile-time checks of the relation types (issue #3), run by `npm run typecheck`: each `@ts-expect-error`
 * must meet an error, so a typing that lets these through fails the build. Nothing here runs.
 */
import type { EntityManager, Loaded, PopulatePath } from '../../src';
import { Author, Book, Tag } from '../support/relation-entities';

declare const em: EntityManager;

export async function populatedCollectionsHaveItems(): Promise<void> {
  const authors = await em.find(Author, {}, { populate: ['books', 'books.tags', 'profile'] });
  const books: Book[] = authors[0].books.getItems();
  const tags: Tag[] = authors[0].books.getItems()[0].tags.getItems();
  void books;
  void tags;

  const plain = await em.find(Author, {});
  // @ts-expect-error books was not populated: getItems() is only on a LoadedCollection
  plain[0].books.getItems();

  const one = await em.findOneOrFail(Author, 1, { populate: ['books'] });
  // @ts-expect-error books.tags was not populated
  one.books.getItems()[0].tags.getItems();
  const loaded = await plain[0].books.init();
  loaded.getItems();
}

export async function populatePathsAreChecked(): Promise<void> {
  // @ts-expect-error 'bookz' is not a relation of Author
  await em.find(Author, {}, { populate: ['bookz'] });
  // @ts-expect-error 'name' is a column, not a relation
  await em.find(Author, {}, { populate: ['name'] });
  // @ts-expect-error Tag has no relation 'nope'
  await em.find(Author, {}, { populate: ['books.tags.nope'] });
  const ok: PopulatePath<Author>[] = ['books', 'books.tags', 'books.publisher', 'profile', 'mentor.books'];
  void ok;
}

export async function referencesLoadLazily(): Promise<void> {
  const [book] = await em.find(Book, {});
  const id: number | undefined = book.publisher?.id;
  void id;
  const publisher = await book.publisher?.load();
  void publisher?.name;
  // @ts-expect-error get() needs a loaded reference
  book.publisher?.get();
  const [populated] = await em.find(Book, {}, { populate: ['publisher'] });
  void populated.publisher?.get().name;
}

export async function filtersGoThroughRelations(): Promise<void> {
  await em.find(Book, { author: { name: 'Ada' }, tags: { name: { $in: ['a'] } } });
  await em.find(Author, { books: { tags: { name: 'x' } }, mentor: null });
  // @ts-expect-error Author has no 'nmae'
  await em.find(Book, { author: { nmae: 'Ada' } });
}

export type LoadedIsAssignable = Loaded<Author, 'books'> extends Author ? true : never;

export function createTakesCollectionItems(): void {
  const author = em.create(Author, { name: 'Ada' });
  em.create(Tag, { name: 't', books: [em.create(Book, { title: 'T', author })] });
  // @ts-expect-error a Tag is not a Book
  em.create(Author, { name: 'Grace', books: [em.create(Tag, { name: 'x' })] });
}

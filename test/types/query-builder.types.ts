/**
 * Compile-time checks of the query builder's typing, run by `npm run typecheck`: each `@ts-expect-error` must meet
 * an error, so a typing that lets an unknown alias or column through fails the build. Nothing here runs.
 */
import type { EntityManager } from '../../src';
import { Author, Book } from '../support/relation-entities';

declare const em: EntityManager;

export async function selectionsTypeTheRows(): Promise<void> {
  const rows = await em.qb(Author, 'a').leftJoin('a.books', 'b').select(['a.id', 'b.title']).execute();
  const id: number = rows[0].id;
  const title: string = rows[0].title;
  void id;
  void title;
  // @ts-expect-error name was not selected
  void rows[0].name;

  const all = await em.qb(Author, 'a').execute();
  const name: string = all[0].name;
  void name;
  // @ts-expect-error a plain row holds columns, not collections
  void all[0].books;
  // @ts-expect-error a to-one relation is its foreign key in a plain row, not an entity
  void all[0].mentor?.name;
  const managed: Author[] = await em.qb(Author).where({ name: 'Ada' }).getResult();
  const max: string | null = await em.qb(Book, 'b').max('b.title');
  void all;
  void managed;
  void max;
}

export function unknownNamesAreCompileErrors(): void {
  const qb = em.qb(Author, 'a');
  // @ts-expect-error no alias 'b' before the join
  qb.select(['b.title']);
  // @ts-expect-error Author has no column 'title'
  qb.select(['a.title']);
  // @ts-expect-error a collection is not a column
  qb.select(['a.books']);
  // @ts-expect-error no relation 'a.name' to join
  qb.leftJoin('a.name', 'n');
  // @ts-expect-error unknown alias in a filter
  qb.where({ 'x.name': 'Ada' });
  // @ts-expect-error unknown column in orderBy
  qb.orderBy({ 'a.age': 'asc' });
  // @ts-expect-error unknown column in groupBy
  qb.groupBy('a.age');
  // @ts-expect-error an aggregate of an unknown column
  qb.having({ $count: { 'a.age': 1 } });
  // @ts-expect-error sum of an unknown column
  void qb.sum('a.age');
  // Joined aliases are known afterwards, with their entity's columns.
  qb.innerJoin('a.books', 'b').innerJoin('b.tags', 't').select(['t.name', 'b.title', 'a.name']);
}

export async function writesAreTyped(): Promise<void> {
  const written: number = await em.qb(Author).insert([{ name: 'Ada' }, { name: 'Grace' }]).execute();
  const rows = await em.qb(Author).insert({ name: 'Ada' }).returning(['id']).execute();
  const id: number = rows[0].id;
  const updated: number = await em.qb(Author).update({ name: 'X' }).where({ id: 1 }).execute();
  void written;
  void id;
  void updated;
  // @ts-expect-error Author has no column 'age'
  em.qb(Author).insert({ age: 3 });
  // @ts-expect-error a collection is not a column to write
  em.qb(Author).update({ books: [] });
  // @ts-expect-error merge names unknown columns
  em.qb(Author).insert({ name: 'A' }).onConflict(['id']).merge(['nickname']);
  // @ts-expect-error only returned columns are in the rows
  void rows[0].name;
}

export function subqueriesAreBuilders(): void {
  em.qb(Author, 'a').where({ 'a.id': { $in: em.qb(Book, 'b').select('b.author').where({ 'b.title': 'Dune' }) } });
}

export async function streamsAreTypedLikeTheirResults(): Promise<void> {
  for await (const author of em.qb(Author).stream()) {
    const entity: Author = author;
    void entity.books;
  }
  for await (const row of em.qb(Author, 'a').select(['a.id', 'a.name']).stream({ batchSize: 10 })) {
    const id: number = row.id;
    void id;
    // @ts-expect-error mentor was not selected
    void row.mentor;
  }
  for await (const batch of em.stream(Book, { title: 'Dune' }, { orderBy: { title: 'asc' } }).batches()) {
    const books: Book[] = batch;
    void books;
  }
  // @ts-expect-error stream options take no populate
  em.stream(Author, {}, { populate: ['books'] });
  // @ts-expect-error Author has no property 'title' to order by
  em.stream(Author, {}, { orderBy: { title: 'asc' } });
}

export async function aggregatesTypeTheRowsAndCheckTheirColumns(): Promise<void> {
  const rows = await em
    .qb(Author, 'a')
    .innerJoin('a.books', 'b')
    .select(['a.id'])
    .aggregate({ books: { $count: 'b.id' }, first: { $min: 'b.title' } })
    .groupBy('a.id')
    .orderBy({ books: 'desc' })
    .execute();
  const books: number = rows[0].books;
  const first: string | null = rows[0].first;
  void books;
  void first;
  // @ts-expect-error only the selected columns and the aggregates are in the row
  void rows[0].name;
  // @ts-expect-error Book has no column 'price'
  em.qb(Author, 'a').innerJoin('a.books', 'b').aggregate({ total: { $sum: 'b.price' } });
  // @ts-expect-error an order key is a column or an aggregate's name
  em.qb(Author, 'a').aggregate({ n: { $count: 'a.id' } }).orderBy({ m: 'desc' });
}

export async function writeReturningTypesTheRows(): Promise<void> {
  const updated = await em.qb(Author).update({ name: 'X' }).where({ id: 1 }).returning(['id', 'name']).execute();
  const name: string = updated[0].name;
  const count: number = await em.qb(Author).delete().where({ id: 1 }).execute();
  const deleted = await em.qb(Author).delete().returning(['id']).execute();
  const id: number = deleted[0].id;
  void name;
  void count;
  void id;
  // @ts-expect-error Author has no column 'title'
  em.qb(Author).update({ name: 'X' }).returning(['title']);
  // @ts-expect-error a collection is not a column
  em.qb(Author).delete().returning(['books']);
}

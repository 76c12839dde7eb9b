import { Collection, Column, Entity, ManyToOne, OneToMany, PrimaryKey, type EntityManager } from 'tessera-orm';
import type { ReportQuery, ReportRow } from '../report-data';

// S8's tables as Tessera entities; the harness owns the tables. ReportAuthor comes first: ReportBook's reflected
// `author` type refers to it.

@Entity({ table: 'report_author' })
export class TesseraReportAuthor {
  @PrimaryKey()
  id!: number;

  @Column()
  name!: string;

  @OneToMany(() => TesseraReportBook, (book: TesseraReportBook) => book.author)
  books = new Collection<TesseraReportBook>(this);
}

@Entity({ table: 'report_book' })
export class TesseraReportBook {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => TesseraReportAuthor)
  author!: TesseraReportAuthor;

  @Column()
  price!: number;
}

export const TESSERA_REPORT_ENTITIES = [TesseraReportAuthor, TesseraReportBook];

/** S8's query through `em.qb`, as its docs show it. */
export function tesseraReportQuery(em: EntityManager, query: ReportQuery) {
  return em
    .qb(TesseraReportAuthor, 'a')
    .innerJoin('a.books', 'b')
    .select(['a.id', 'a.name'])
    .aggregate({ books: { $count: 'b.id' }, revenue: { $sum: 'b.price' }, average: { $avg: 'b.price' } })
    .where({ 'b.price': { $gte: query.minPrice } })
    .groupBy(['a.id', 'a.name'])
    .having({ $count: { 'b.id': { $gte: query.minBooks } } })
    .orderBy({ revenue: 'desc', 'a.id': 'asc' })
    .limit(query.limit);
}

/** Runs S8's query; with `cache`, through the result cache (the cache benchmark, cache-cost.ts). */
export async function tesseraReport(em: EntityManager, query: ReportQuery, cache?: { ttl: number; key: string }): Promise<readonly ReportRow[]> {
  const qb = tesseraReportQuery(em, query);
  const rows = await (cache ? qb.cache(cache) : qb).execute();
  // revenue and average are null only for an author without books, which the inner join and having exclude.
  return rows.map((row) => ({ id: row.id, name: row.name, books: row.books, revenue: row.revenue ?? 0, average: row.average ?? 0 }));
}

export function compileTesseraReport(em: EntityManager, query: ReportQuery, times: number): string {
  let sql = '';
  for (let i = 0; i < times; i++) {
    const qb = tesseraReportQuery(em, query);
    sql = qb.getSql();
    qb.getParams();
  }
  return sql;
}

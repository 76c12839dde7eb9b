import { mulberry32 } from './scenario-data';

/** S8's data: authors and their books with a price, skewed so that some authors have many books and most few. */
export interface ReportData {
  readonly authors: readonly string[];
  /** Book k's author, as an index into `authors`. */
  readonly bookAuthors: readonly number[];
  /** Book k's price in cents. */
  readonly bookPrices: readonly number[];
}

/** The parameters of the report query: books priced at least `minPrice`, authors with at least `minBooks` of them. */
export interface ReportQuery {
  readonly minPrice: number;
  readonly minBooks: number;
  readonly limit: number;
}

/** One row of the report: an author, how many books, their total and average price. */
export interface ReportRow {
  readonly id: number;
  readonly name: string;
  readonly books: number;
  readonly revenue: number;
  readonly average: number;
}

export const REPORT_AUTHOR_COUNT = 2000;
export const REPORT_BOOK_COUNT = 100_000;
export const REPORT_QUERY: ReportQuery = { minPrice: 1500, minBooks: 40, limit: 100 };
/** S8 times this many runs of the query in a row, so that one measurement is long enough to be steady. */
export const REPORT_RUNS = 10;
/** S9 builds and compiles the query this many times. */
export const COMPILE_COUNT = 100_000;

/**
 * Deterministic, like the items: book k's author is `floor(r^2 * authors)` for a uniform r, so low-numbered authors
 * have hundreds of books and the high-numbered ones a handful; prices are 5.00 to 54.99.
 */
export function generateReportData(): ReportData {
  const random = mulberry32(20240202);
  const authors = Array.from({ length: REPORT_AUTHOR_COUNT }, (_, a) => `Report author ${String(a).padStart(4, '0')}`);
  const bookAuthors: number[] = [];
  const bookPrices: number[] = [];
  for (let k = 0; k < REPORT_BOOK_COUNT; k++) {
    bookAuthors.push(Math.floor(random() ** 2 * REPORT_AUTHOR_COUNT));
    bookPrices.push(500 + Math.floor(random() * 5000));
  }
  return { authors, bookAuthors, bookPrices };
}

/** What the query must return, computed in JavaScript from the data and the ids the authors were given. */
export function expectedReport(data: ReportData, authorIds: readonly number[], query: ReportQuery): ReportRow[] {
  const books = new Array<number>(data.authors.length).fill(0);
  const revenue = new Array<number>(data.authors.length).fill(0);
  data.bookAuthors.forEach((a, k) => {
    if (data.bookPrices[k] < query.minPrice) return;
    books[a]++;
    revenue[a] += data.bookPrices[k];
  });
  return data.authors
    .map((name, a) => ({ id: authorIds[a], name, books: books[a], revenue: revenue[a], average: revenue[a] / books[a] }))
    .filter((row) => row.books >= query.minBooks)
    .sort((x, y) => y.revenue - x.revenue || x.id - y.id)
    .slice(0, query.limit);
}

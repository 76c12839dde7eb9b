import type { ReportRow } from '../../report-data';

/**
 * S8's query as a person would write it, the same on every dialect but for the placeholders (`?`, or `$n` on
 * PostgreSQL): minimum price, minimum count, limit.
 */
export const REPORT_SQL = `SELECT a.id, a.name, COUNT(b.id) AS books, SUM(b.price) AS revenue, AVG(b.price) AS average
  FROM report_author a JOIN report_book b ON b.author_id = a.id
  WHERE b.price >= ?
  GROUP BY a.id, a.name
  HAVING COUNT(b.id) >= ?
  ORDER BY revenue DESC, a.id ASC
  LIMIT ?`;

let index = 0;
export const REPORT_SQL_POSTGRES = REPORT_SQL.replace(/\?/g, () => `$${++index}`);

/** The driver's row as numbers: PostgreSQL hands counts and sums back as strings, MariaDB sums and averages as decimals. */
export function reportRow(row: Record<string, unknown>): ReportRow {
  return {
    id: Number(row.id),
    name: row.name as string,
    books: Number(row.books),
    revenue: Number(row.revenue),
    average: Number(row.average),
  };
}

import { QueryError } from '../errors/query-error';
import type { Row } from '../mapper/entity-mapper';

/** Rows per batch when a stream is not told. */
export const DEFAULT_BATCH_SIZE = 500;

/** A `batchSize` option, checked to be a positive integer before anything is sent. */
export function checkBatchSize(value: number | undefined): number {
  if (value === undefined) return DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(value) || value < 1) throw QueryError.badBatchSize(value);
  return value;
}

/**
 * A query's results read from the database a batch at a time as the loop asks for them, so memory holds one
 * batch, not the result. Each `for await` runs the query afresh and holds one connection until the loop ends;
 * `break`, a `throw` in the loop body and the end of the rows all release it.
 * @example
 * for await (const author of em.stream(Author, {}, { orderBy: { id: 'asc' }, batchSize: 500 })) send(author);
 */
export class BatchStream<T> implements AsyncIterable<T> {
  /** @internal Use `em.stream()` or a query builder's `stream()`. */
  constructor(
    private readonly open: () => AsyncIterable<Row[]>,
    private readonly convert: (rows: Row[]) => T[],
  ) {}

  /**
   * The same items, a batch (an array of at most `batchSize`) at a time: for work that goes by batch, such as
   * writing each one somewhere else with one statement.
   * @example
   * for await (const batch of em.qb(Author).stream({ batchSize: 1000 }).batches()) await index(batch);
   */
  async *batches(): AsyncIterableIterator<T[]> {
    for await (const rows of this.open()) yield this.convert(rows);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const batch of this.batches()) {
      for (const item of batch) yield item;
    }
  }
}

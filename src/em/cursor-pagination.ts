import { QueryError } from '../errors/query-error';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { decodeCursor, encodeCursor, type CursorKey } from '../query/cursor';
import type { FilterQuery, OrderBy } from '../query/filter-query';
import { cursorKeys, keysetFilter } from '../query/keyset-filter';
import type { ReadFilterOptions } from '../query/read-filter';
import type { PopulateOptions } from '../relations/loaded';

/** Forward (`first` rows after a cursor) or backward (`last` rows before one), never both. */
type PageWindow =
  | { first: number; after?: string | null; last?: never; before?: never }
  | { last: number; before?: string | null; first?: never; after?: never };

/** `findByCursor` options: a page size and direction, the cursor to continue from, the order, and what to populate. */
export type CursorOptions<T, P extends string = never> = PopulateOptions<P> &
  ReadFilterOptions &
  PageWindow & {
    orderBy?: OrderBy<T> | readonly OrderBy<T>[];
  };

/**
 * One page of `findByCursor`, items always in `orderBy` order. Pass `endCursor` as `after` for the next page,
 * `startCursor` as `before` for the previous one. As in Relay's connections, `hasNextPage` is only computed when
 * paging forward and `hasPreviousPage` only when paging backward (the other is false), so a page costs one query.
 */
export interface CursorPage<T> {
  items: T[];
  /** The cursor of the first item, or null for an empty page. */
  startCursor: string | null;
  /** The cursor of the last item, or null for an empty page. */
  endCursor: string | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** @internal The query `findByCursor` runs, and how it turns the rows into a page. */
export interface CursorPlan<T> {
  readonly where: FilterQuery<T>;
  readonly orderBy: OrderBy<T>[];
  readonly limit: number;
  page<E>(rows: E[]): CursorPage<E>;
}

/**
 * @internal Plans a keyset page. Backward pages read the order reversed (the rows just before the cursor come
 * first), then put the page back in `orderBy` order. One row more than asked says whether more exist that way.
 */
export function planCursorPage<T extends object>(meta: EntityMetadata<T>, where: FilterQuery<T>, options: CursorOptions<T, string>): CursorPlan<T> {
  if (where === undefined || where === null) throw QueryError.missingFilter(meta.class, 'findByCursor');
  const keys = cursorKeys(meta, options.orderBy);
  const { first, last, after, before } = options as { first?: unknown; last?: unknown; after?: string | null; before?: string | null };
  const backward = last !== undefined;
  if (backward ? first !== undefined || after != null : before != null) throw QueryError.badCursorDirection();
  const size = backward ? last : first;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) throw QueryError.badPageSize(backward ? 'last' : 'first', size);
  const reading: CursorKey[] = backward ? keys.map((k) => ({ ...k, direction: k.direction === 'asc' ? 'desc' : 'asc' })) : keys;
  const filters: object[] = [typeof where === 'object' ? where : { [meta.primaryKey.name]: where }];
  const cursor = backward ? before : after;
  if (cursor != null) filters.push(keysetFilter(reading, decodeCursor(cursor, keys)));
  const cursorOf = (item: unknown) => encodeCursor(keys, keys.map((k) => (item as Record<string, unknown>)[k.property]));
  return {
    where: { $and: filters } as FilterQuery<T>,
    orderBy: reading.map((k) => ({ [k.property]: k.direction })) as OrderBy<T>[],
    limit: size + 1,
    page<E>(rows: E[]): CursorPage<E> {
      const more = rows.length > size;
      const items = rows.slice(0, size);
      if (backward) items.reverse();
      return {
        items,
        startCursor: items.length > 0 ? cursorOf(items[0]) : null,
        endCursor: items.length > 0 ? cursorOf(items[items.length - 1]) : null,
        hasNextPage: !backward && more,
        hasPreviousPage: backward && more,
      };
    },
  };
}

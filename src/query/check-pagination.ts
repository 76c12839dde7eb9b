import { QueryError } from '../errors/query-error';

/** A limit or offset, checked to be a non-negative integer before it is bound. */
export function checkPagination(option: 'limit' | 'offset', value: number): number {
  if (!Number.isInteger(value) || value < 0) throw QueryError.badPagination(option, value);
  return value;
}

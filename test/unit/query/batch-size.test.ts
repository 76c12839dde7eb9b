import { QueryError } from '../../../src';
import { checkBatchSize, DEFAULT_BATCH_SIZE } from '../../../src/query/batch-stream';

describe('checkBatchSize', () => {
  test('a positive integer passes; undefined is the default', () => {
    expect(checkBatchSize(1)).toBe(1);
    expect(checkBatchSize(10_000)).toBe(10_000);
    expect(checkBatchSize(undefined)).toBe(DEFAULT_BATCH_SIZE);
  });

  test.each([0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('%p is a QueryError', (value) => {
    expect(() => checkBatchSize(value)).toThrow(QueryError);
  });
});

import { MetadataError, QueryError } from '../../src';

/** The error of class `type` that `run` throws (failing the test when it throws something else, or nothing). */
export function thrownBy<E extends Error>(type: abstract new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}

export const metadataErrorOf = (run: () => unknown): MetadataError => thrownBy(MetadataError, run);

/** The message of the QueryError `run` throws. */
export const queryErrorOf = (run: () => unknown): string => thrownBy(QueryError, run).message;

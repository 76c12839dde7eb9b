import { MetadataError } from '../../src';

/** The MetadataError `run` throws (failing the test when it throws something else, or nothing). */
export function metadataErrorOf(run: () => unknown): MetadataError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MetadataError);
    return error as MetadataError;
  }
  throw new Error('expected a MetadataError, but nothing was thrown');
}

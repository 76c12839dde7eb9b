/** A contender returned or left something other than what the scenario asked for. */
export class VerificationError extends Error {
  override readonly name = 'VerificationError';

  static wrongRowCount(
    scenario: string,
    contender: string,
    expected: number,
    actual: number,
    table = 'bench_item',
  ): VerificationError {
    return new VerificationError(`${scenario} ${contender}: expected ${expected} rows in ${table}, found ${actual}`);
  }

  static wrongResultCount(scenario: string, contender: string, expected: number, actual: number): VerificationError {
    return new VerificationError(`${scenario} ${contender}: expected ${expected} objects back, got ${actual}`);
  }

  /** Like wrongResultCount, for what hangs off the returned objects (`books`, `book-tag links`). */
  static wrongNestedCount(
    scenario: string,
    contender: string,
    what: string,
    expected: number,
    actual: number,
  ): VerificationError {
    return new VerificationError(`${scenario} ${contender}: expected ${expected} ${what} on the objects, got ${actual}`);
  }

  static badId(scenario: string, contender: string, index: number, id: unknown): VerificationError {
    return new VerificationError(`${scenario} ${contender}: object #${index} has id ${String(id)}`);
  }

  static mismatch(scenario: string, contender: string, id: number, detail: string): VerificationError {
    return new VerificationError(`${scenario} ${contender}: row ${id} ${detail}`);
  }

  static notUpdated(scenario: string, contender: string, updated: number, expected: number, sum: number, expectedSum: number): VerificationError {
    return new VerificationError(
      `${scenario} ${contender}: ${updated} of ${expected} rows have the new age (age sum ${sum}, expected ${expectedSum})`,
    );
  }
}

import type { ReportRow } from '../report-data';
import { VerificationError } from './verification-error';

/**
 * The report must be exactly the expected rows in order: ids, names, counts and totals equal, averages equal to
 * within rounding (MariaDB returns AVG of an integer with 4 decimals).
 */
export function expectReport(actual: readonly ReportRow[], expected: readonly ReportRow[], scenario: string, contender: string): void {
  if (actual.length !== expected.length) throw VerificationError.wrongResultCount(scenario, contender, expected.length, actual.length);
  expected.forEach((want, i) => {
    const got = actual[i];
    const same =
      got.id === want.id &&
      got.name === want.name &&
      got.books === want.books &&
      got.revenue === want.revenue &&
      Math.abs(got.average - want.average) < 1e-3;
    if (!same) throw VerificationError.mismatch(scenario, contender, want.id, `at #${i} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  });
}

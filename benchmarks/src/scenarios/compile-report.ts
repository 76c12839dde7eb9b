import { COMPILE_COUNT, REPORT_QUERY } from '../report-data';
import { measure } from '../stopwatch';
import type { Scenario } from './scenario';
import { VerificationError } from './verification-error';

export const compileReport: Scenario = {
  id: 'S9',
  title: "build and compile S8's query with the query builder",
  timed: `building S8's query with the library's query builder and reading its SQL and parameters, ${COMPILE_COUNT.toLocaleString('en-US')} times; no database`,
  unit: 'µs per build',
  runsFor: (contender) => contender.compileReport !== undefined,
  async run({ contender }) {
    if (!contender.compileReport) throw new Error(`S9 has no query builder to time for ${contender.name}`);
    const compile = contender.compileReport.bind(contender);
    const { ms, value: sql } = await measure(async () => compile(REPORT_QUERY, COMPILE_COUNT));
    // The statement must be the report: joined, grouped, filtered on the groups and limited.
    if (!/join/i.test(sql) || !/group by/i.test(sql) || !/having/i.test(sql) || !/limit/i.test(sql)) {
      throw new VerificationError(`${this.id} ${contender.name}: the compiled statement is not the report query: ${sql}`);
    }
    return (ms * 1000) / COMPILE_COUNT;
  },
};

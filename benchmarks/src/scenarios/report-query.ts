import { expectedReport, REPORT_QUERY, REPORT_RUNS, type ReportRow } from '../report-data';
import { measure } from '../stopwatch';
import { expectReport } from './report-checks';
import type { Scenario } from './scenario';

export const reportQuery: Scenario = {
  id: 'S8',
  title: `aggregate report over 100,000 books, ${REPORT_RUNS} runs`,
  timed:
    `${REPORT_RUNS} runs in a row of one query: authors joined to their books priced at least 15.00, grouped, ` +
    'count, sum and average of the price, having at least 40 such books, ordered by the sum, top 100, as plain rows',
  async run({ reportTables, report, contender }) {
    const authorIds = await reportTables.seedOnce(report);
    const { ms, value: results } = await measure(async () => {
      const runs: (readonly ReportRow[])[] = [];
      for (let i = 0; i < REPORT_RUNS; i++) runs.push(await contender.report(REPORT_QUERY));
      return runs;
    });
    const expected = expectedReport(report, authorIds, REPORT_QUERY);
    for (const rows of results) expectReport(rows, expected, this.id, contender.name);
    return ms;
  },
};

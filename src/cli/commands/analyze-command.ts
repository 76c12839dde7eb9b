import { readFileSync } from 'node:fs';
import type { AnalysisFinding, AnalysisReport, StatementToAnalyze } from '../../analysis/analysis-report';
import { CommandLineError } from '../../errors/command-line-error';
import type { Command } from '../command';
import { parseStatements } from '../statement-list';
import type { Terminal } from '../terminal';

const TITLES: Readonly<Record<AnalysisFinding['kind'], string>> = {
  'full-scan': 'Full scan',
  'unindexed-foreign-key': 'Foreign key without an index',
  'unused-index': 'Unused index',
};

export const dbAnalyze: Command = {
  name: 'db:analyze',
  summary: 'Explain statements and flag full scans, unindexed foreign keys and unused indexes',
  description:
    'Reads the plan of each statement given with --sql or --file (EXPLAIN: they do not run) and flags full scans of ' +
    'tables of --min-rows rows or more; reads the live schema for foreign keys no index leads with, and the ' +
    "database's record of index use for indexes never used (PostgreSQL; MariaDB and MySQL with performance_schema " +
    'on; SQLite cannot tell). A file holds SQL statements ending in ";" at the end of a line, or NDJSON lines ' +
    '{"sql": "...", "params": [...]} (statements collected from orm.on(\'query\')). Exits 1 with --strict when ' +
    'anything is found or a statement cannot be explained. See docs/observability.md.',
  options: {
    sql: { type: 'string', value: 'statements', description: 'SQL to explain (several end each in ";")' },
    file: { type: 'string', short: 'f', value: 'path', description: 'A file of statements to explain (SQL or NDJSON)' },
    'min-rows': { type: 'string', value: 'n', description: 'Rows from which a table counts as large (default 1000)' },
    json: { type: 'boolean', description: 'Print the report as JSON' },
    strict: { type: 'boolean', description: 'Exit 1 when anything is found' },
  },
  async run({ terminal, openOrm }, { options }) {
    const statements = statementsOf(options);
    const minRows = options['min-rows'] === undefined ? undefined : Number(options['min-rows']);
    if (minRows !== undefined && !(Number.isInteger(minRows) && minRows >= 1))
      throw CommandLineError.badArguments('db:analyze', `--min-rows takes a whole number of at least 1, not '${String(options['min-rows'])}'`);
    const orm = await openOrm({ entities: false });
    const report = await orm.analyze({ statements, minRows });
    if (options.json === true) terminal.line(JSON.stringify(report, null, 2));
    else print(terminal, report);
    const failed = report.findings.length > 0 || report.statements.some((s) => s.error !== undefined);
    return options.strict === true && failed ? 1 : 0;
  },
};

function statementsOf(options: Readonly<Record<string, string | boolean | undefined>>): StatementToAnalyze[] {
  const statements: StatementToAnalyze[] = [];
  if (typeof options.sql === 'string') statements.push(...parseStatements(options.sql, '--sql'));
  if (typeof options.file === 'string') {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (error) {
      throw CommandLineError.badArguments('db:analyze', `cannot read ${options.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    statements.push(...parseStatements(text, options.file));
  }
  return statements;
}

function print(terminal: Terminal, report: AnalysisReport): void {
  const explained = report.statements.filter((s) => s.error === undefined).length;
  terminal.line(`Analyzed ${explained} of ${report.statements.length} statements on ${report.dialect} (a table of ${report.minRows} rows or more is large)`);
  for (const statement of report.statements)
    if (statement.error !== undefined) terminal.line(`${terminal.style('red', '✗')} Cannot explain ${statement.sql}: ${statement.error}`);
  for (const finding of report.findings) {
    terminal.line(`${terminal.style('yellow', '!')} ${TITLES[finding.kind]}: ${finding.message}`);
    if (finding.kind === 'full-scan') terminal.line(`    ${terminal.style('dim', finding.sql)}`);
  }
  for (const note of report.notes) terminal.line(`  ${terminal.style('dim', note)}`);
  const count = report.findings.length;
  terminal.line(count === 0 ? `${terminal.style('green', '✓')} Nothing found` : `${count} finding${count === 1 ? '' : 's'}`);
}

import type { StatementToAnalyze } from '../analysis/analysis-report';
import { CommandLineError } from '../errors/command-line-error';

/**
 * The statements of a file or a `--sql` argument: NDJSON lines `{"sql": "...", "params": [...]}` (statements
 * collected from `orm.on('query')` with their values), or SQL text with statements ending in `;` at the end of
 * a line. Blank lines and `--` comment lines are skipped. `source` names the text in errors.
 * @example
 * parseStatements('select * from book where title = \'x\';\nselect 1', '--sql') // two statements
 */
export function parseStatements(text: string, source: string): StatementToAnalyze[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('--'));
  if (lines.length > 0 && lines.every((line) => line.trim().startsWith('{'))) {
    return lines.map((line, i) => {
      const statement = parseLine(line);
      if (typeof statement?.sql !== 'string' || (statement.params !== undefined && !Array.isArray(statement.params)))
        throw CommandLineError.badArguments('db:analyze', `line ${i + 1} of ${source} is not {"sql": "...", "params": [...]}`);
      return { sql: statement.sql, params: statement.params };
    });
  }
  return lines
    .join('\n')
    .split(/;[ \t]*(?:\n|$)/)
    .map((sql) => sql.trim())
    .filter((sql) => sql !== '')
    .map((sql) => ({ sql }));
}

function parseLine(line: string): { sql?: unknown; params?: unknown } | undefined {
  try {
    return JSON.parse(line) as { sql?: unknown; params?: unknown };
  } catch {
    return undefined;
  }
}

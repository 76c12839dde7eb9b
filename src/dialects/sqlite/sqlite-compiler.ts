import { QueryError } from '../../errors/query-error';
import { SqlCompiler } from '../../query/compiler/sql-compiler';

/** SQLite: double-quoted identifiers, `?` placeholders; an offset needs a limit (-1 is "no limit"). */
export class SqliteCompiler extends SqlCompiler {
  /** SQLite plans but never profiles a statement: `explain query plan`, and no ANALYZE form. */
  protected override appendExplain(analyze: boolean): void {
    if (analyze) throw QueryError.explainAnalyzeUnsupported('sqlite');
    this.append('explain query plan ');
  }

  protected override appendPagination(limit: number | undefined, offset: number | undefined): void {
    super.appendPagination(limit ?? -1, offset);
  }
}

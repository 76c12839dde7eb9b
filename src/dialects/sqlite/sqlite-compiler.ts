import { SqlCompiler } from '../../query/compiler/sql-compiler';

/** SQLite: double-quoted identifiers, `?` placeholders; an offset needs a limit (-1 is "no limit"). */
export class SqliteCompiler extends SqlCompiler {
  protected override appendPagination(limit: number | undefined, offset: number | undefined): void {
    super.appendPagination(limit ?? -1, offset);
  }
}

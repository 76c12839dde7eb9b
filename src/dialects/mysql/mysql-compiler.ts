import { SqlCompiler } from '../../query/compiler/sql-compiler';

/** MySQL's largest LIMIT: how "no limit" is written when only an offset is given. */
const NO_LIMIT = '18446744073709551615';

/** MySQL and MariaDB: backtick-quoted identifiers, `?` placeholders; an offset needs a limit. */
export class MysqlCompiler extends SqlCompiler {
  override quoteIdentifier(name: string): string {
    return `\`${name.replace(/`/g, '``')}\``;
  }

  protected override appendPagination(limit: number | undefined, offset: number | undefined): void {
    if (limit === undefined) {
      this.append(` limit ${NO_LIMIT} offset `);
      this.appendValue(offset);
      return;
    }
    super.appendPagination(limit, offset);
  }
}

import { SqlCompiler } from 'tessera-orm/dialect';

/** Quotes identifiers with backticks (SQLite accepts them), so its statements are told apart from the shipped dialect's. */
export class ExternalCompiler extends SqlCompiler {
  override quoteIdentifier(name: string): string {
    return '`' + name.replace(/`/g, '``') + '`';
  }
}

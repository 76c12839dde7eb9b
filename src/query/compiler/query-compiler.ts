import type { QueryNode } from '../nodes/operation-node';
import type { CompiledQuery, StatementTemplate } from './compiled-query';

/**
 * Turns query nodes into what the dialect's connection runs. The core compiles through this interface only;
 * the SQL dialects implement it with `SqlCompiler`, a non-SQL dialect with its own.
 */
export interface QueryCompiler {
  /** The statement for `node`, its values bound. */
  compile(node: QueryNode): CompiledQuery;
  /** A statement compiled once for a shape whose values arrive later through `StatementTemplate.bind`. */
  compileTemplate(node: QueryNode): StatementTemplate;
}

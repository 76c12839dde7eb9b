import type { StatementTemplate } from './compiler/compiled-query';
import type { QueryCompiler } from './compiler/query-compiler';
import type { QueryNode } from './nodes/operation-node';

/** Past this many templates the cache starts again rather than grow without bound. */
const MAX_TEMPLATES = 2000;

/**
 * Statement templates compiled once per shape and reused: the statements an application sends over and over
 * (a lookup by primary key) skip building and compiling a tree on every call.
 */
export class StatementCache {
  private readonly templates = new Map<string, StatementTemplate>();

  constructor(private readonly compiler: QueryCompiler) {}

  get(shape: string, build: () => QueryNode): StatementTemplate {
    let template = this.templates.get(shape);
    if (!template) {
      if (this.templates.size >= MAX_TEMPLATES) this.templates.clear();
      template = this.compiler.compileTemplate(build());
      this.templates.set(shape, template);
    }
    return template;
  }
}

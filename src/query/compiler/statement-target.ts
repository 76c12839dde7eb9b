import type { StatementKind } from './compiled-query';
import type { QueryNode } from '../nodes/operation-node';

/**
 * What a statement does, read from its tree when it is compiled (never parsed back out of the SQL): raw SQL and
 * EXPLAIN are 'other'.
 */
export function statementKind(node: QueryNode): StatementKind {
  switch (node.kind) {
    case 'SelectQueryNode':
      return 'select';
    case 'InsertQueryNode':
      return 'insert';
    case 'UpdateQueryNode':
      return 'update';
    case 'DeleteQueryNode':
      return 'delete';
    case 'RawNode':
    case 'ExplainNode':
      return 'other';
  }
}

/** The table a statement reads from or writes to (a select's FROM, through a derived table), if its tree names one. */
export function statementTable(node: QueryNode): string | undefined {
  switch (node.kind) {
    case 'SelectQueryNode':
      return node.from.kind === 'TableNode' ? node.from.name : statementTable(node.from.query);
    case 'InsertQueryNode':
      return node.into.name;
    case 'UpdateQueryNode':
      return node.table.name;
    case 'DeleteQueryNode':
      return node.from.name;
    case 'ExplainNode':
      return statementTable(node.query);
    case 'RawNode':
      return undefined;
  }
}

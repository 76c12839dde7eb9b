import type { OperationNode } from './nodes/operation-node';

/**
 * The names of every table a query tree reads: its FROM, joins, subqueries of filters through relations, derived
 * tables. A walk over the frozen nodes (any property holding a node or a list of nodes), so a new node kind that
 * holds a table is covered without a change here.
 */
export function tablesOf(node: OperationNode): Set<string> {
  const tables = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string') {
      const n = value as OperationNode & Record<string, unknown>;
      if (n.kind === 'TableNode') tables.add(n.name as string);
      for (const key in n) if (key !== 'kind') visit(n[key]);
    }
  };
  visit(node);
  return tables;
}

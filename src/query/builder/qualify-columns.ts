import { BinaryOperationNode } from '../nodes/binary-operation-node';
import { ColumnNode } from '../nodes/column-node';
import { IsNullNode } from '../nodes/is-null-node';
import { JunctionNode } from '../nodes/junction-node';
import { NotNode } from '../nodes/not-node';
import type { OperationNode } from '../nodes/operation-node';
import { TupleNode } from '../nodes/tuple-node';

/**
 * A copy of a condition whose unqualified columns name `alias` (`"a"."age"`). Subqueries are left alone:
 * their columns belong to their own table, and a qualified name would point outside them.
 */
export function qualifyColumns(node: OperationNode, alias: string): OperationNode {
  switch (node.kind) {
    case 'ColumnNode':
      return node.table === undefined ? ColumnNode.create(node.name, alias) : node;
    case 'BinaryOperationNode':
      return BinaryOperationNode.create(qualifyColumns(node.left, alias), node.operator, qualifyColumns(node.right, alias));
    case 'JunctionNode':
      return JunctionNode.create(node.operator, node.items.map((item) => qualifyColumns(item, alias)));
    case 'NotNode':
      return NotNode.create(qualifyColumns(node.operand, alias));
    case 'IsNullNode':
      return IsNullNode.create(qualifyColumns(node.operand, alias), node.negated);
    case 'TupleNode':
      return TupleNode.create(node.items.map((item) => qualifyColumns(item, alias)));
    default:
      return node;
  }
}

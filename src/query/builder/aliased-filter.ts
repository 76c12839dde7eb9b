import { QueryError } from '../../errors/query-error';
import { parseFilter, type EncoderLookup } from '../filter-parser';
import { AggregateNode } from '../nodes/aggregate-node';
import { BinaryOperationNode, type BinaryOperator } from '../nodes/binary-operation-node';
import { ColumnNode } from '../nodes/column-node';
import { ConstantNode } from '../nodes/constant-node';
import { JunctionNode } from '../nodes/junction-node';
import { NotNode } from '../nodes/not-node';
import type { OperationNode } from '../nodes/operation-node';
import { ValueNode } from '../nodes/value-node';
import { qualifyColumns } from './qualify-columns';
import type { QueryScope } from './query-scope';

const AGGREGATES: Readonly<Record<string, AggregateNode['fn']>> = { $count: 'count', $sum: 'sum', $avg: 'avg', $min: 'min', $max: 'max' };
const COMPARISONS: Readonly<Record<string, BinaryOperator>> = { $eq: '=', $ne: '<>', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/**
 * A builder's filter: the filter parser's language, with keys qualified by alias (`'b.price'`; a bare key is the
 * root's). Each key is parsed against its alias's entity by `parseFilter` (so operators, relation filters and
 * value conversion are the same as in `find`), then its columns are qualified with the alias.
 */
export function parseAliasedFilter(scope: QueryScope, filter: unknown, encoders: EncoderLookup): OperationNode | undefined {
  if (filter === undefined || filter === null) return undefined;
  const items: OperationNode[] = [];
  for (const [key, operand] of Object.entries(filter as Record<string, unknown>)) {
    if (operand === undefined) continue;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(operand)) throw QueryError.badJunction(scope.root.meta.class, key);
      const parts = operand.map((f) => parseAliasedFilter(scope, f, encoders) ?? ConstantNode.create(true));
      items.push(JunctionNode.create(key === '$and' ? 'and' : 'or', parts));
    } else if (key === '$not') {
      items.push(NotNode.create(parseAliasedFilter(scope, operand, encoders) ?? ConstantNode.create(true)));
    } else {
      const { entry, name } = scope.split(key);
      const node = parseFilter(entry.meta, { [name]: operand }, encoders);
      if (node) items.push(qualifyColumns(node, entry.alias));
    }
  }
  return junction(items);
}

/**
 * A HAVING condition: `{ $count: { 'b.id': { $gte: 2 } } }` compares an aggregate of a column; other keys are
 * plain filter keys. Aggregate results are numbers, so their operands are bound as they are (no column converter).
 */
export function parseHaving(scope: QueryScope, having: Record<string, unknown>, encoders: EncoderLookup): OperationNode | undefined {
  const items: OperationNode[] = [];
  const plain: Record<string, unknown> = {};
  for (const [key, operand] of Object.entries(having)) {
    if (!key.startsWith('$') || key === '$and' || key === '$or' || key === '$not') {
      plain[key] = operand;
      continue;
    }
    const fn = AGGREGATES[key];
    if (!fn) throw QueryError.badAggregate(key);
    for (const [ref, comparisons] of Object.entries(operand as Record<string, unknown>)) {
      const { entry, property } = scope.column(ref);
      const aggregate = AggregateNode.create(fn, undefined, ColumnNode.create(property.column, entry.alias));
      for (const [operator, value] of Object.entries(asOperators(comparisons))) {
        const comparison = COMPARISONS[operator];
        if (!comparison) throw QueryError.unknownOperator(entry.meta.class, property.name, operator);
        items.push(BinaryOperationNode.create(aggregate, comparison, ValueNode.create(value)));
      }
    }
  }
  const rest = parseAliasedFilter(scope, plain, encoders);
  if (rest) items.push(rest);
  return junction(items);
}

function asOperators(comparisons: unknown): Record<string, unknown> {
  return typeof comparisons === 'object' && comparisons !== null ? (comparisons as Record<string, unknown>) : { $eq: comparisons };
}

function junction(items: OperationNode[]): OperationNode | undefined {
  if (items.length === 0) return undefined;
  return items.length === 1 ? items[0] : JunctionNode.create('and', items);
}

/** Two optional conditions AND-ed (successive `where` and `having` calls). */
export function andConditions(left: OperationNode | undefined, right: OperationNode | undefined): OperationNode | undefined {
  if (!left) return right;
  if (!right) return left;
  return JunctionNode.create('and', [left, right]);
}

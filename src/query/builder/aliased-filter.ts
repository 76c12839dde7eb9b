import { QueryError } from '../../errors/query-error';
import { MAX_FILTER_DEPTH, parseFilter, type EncoderLookup } from '../filter-parser';
import { AggregateNode } from '../nodes/aggregate-node';
import { BinaryOperationNode, type BinaryOperator } from '../nodes/binary-operation-node';
import { ColumnNode } from '../nodes/column-node';
import { ConstantNode } from '../nodes/constant-node';
import { JunctionNode } from '../nodes/junction-node';
import { NotNode } from '../nodes/not-node';
import type { OperationNode } from '../nodes/operation-node';
import type { SelectQueryNode } from '../nodes/select-query-node';
import { ValueNode } from '../nodes/value-node';
import { AGGREGATES } from './aggregate-selection';
import { qualifyColumns } from './qualify-columns';
import { NO_READ_FILTERS, type ReadFilters } from '../read-filter';
import type { QueryScope } from './query-scope';

const COMPARISONS: Readonly<Record<string, BinaryOperator>> = { $eq: '=', $ne: '<>', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/**
 * A builder's filter: the filter parser's language, with keys qualified by alias (`'b.price'`; a bare key is the
 * root's). Each key is parsed against its alias's entity by `parseFilter` (so operators, relation filters and
 * value conversion are the same as in `find`), then its columns are qualified with the alias.
 */
export function parseAliasedFilter(scope: QueryScope, filter: unknown, encoders: EncoderLookup, depth = 0, filters: ReadFilters = NO_READ_FILTERS): OperationNode | undefined {
  const entity = scope.root.meta.class;
  if (filter === undefined || filter === null) throw QueryError.missingFilter(entity);
  if (depth > MAX_FILTER_DEPTH) throw QueryError.filterTooDeep(entity, MAX_FILTER_DEPTH);
  const items: OperationNode[] = [];
  for (const [key, operand] of Object.entries(filter as Record<string, unknown>)) {
    if (operand === undefined) {
      if (key.startsWith('$')) throw QueryError.undefinedInFilter(entity, key);
      const { entry, name } = scope.split(key);
      throw QueryError.undefinedInFilter(entry.meta.class, name);
    }
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(operand)) throw QueryError.badJunction(entity, key);
      const parts = operand.map((f) => parseAliasedFilter(scope, f, encoders, depth + 1, filters) ?? ConstantNode.create(true));
      items.push(JunctionNode.create(key === '$and' ? 'and' : 'or', parts));
    } else if (key === '$not') {
      items.push(NotNode.create(parseAliasedFilter(scope, operand, encoders, depth + 1, filters) ?? ConstantNode.create(true)));
    } else {
      const { entry, name } = scope.split(key);
      const { subqueries, rest } = splitSubqueries(operand);
      for (const [operator, query] of subqueries) {
        const property = entry.meta.propertiesByName.get(name);
        if (!property) throw QueryError.unknownProperty(entry.meta.class, name, 'filter');
        if (query.selections.length !== 1) throw QueryError.subqueryColumns(entry.meta.class, name, query.selections.length);
        items.push(BinaryOperationNode.create(ColumnNode.create(property.column, entry.alias), operator, query));
      }
      const node = rest === undefined ? undefined : parseFilter(entry.meta, { [name]: rest }, encoders, depth, filters);
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
        if (value === undefined) throw QueryError.undefinedInFilter(entry.meta.class, property.name, `${key}(${operator})`);
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

/** A query builder (or anything else that yields a SELECT) used as an `$in` / `$nin` operand. */
export interface Subquery {
  toNode(): SelectQueryNode;
}

function isSubquery(value: unknown): value is Subquery {
  return typeof value === 'object' && value !== null && typeof (value as Subquery).toNode === 'function';
}

/**
 * `{ $in: qb, $gt: 3 }` → the subquery conditions, and the operators left for the filter parser. The builder is
 * recognised by shape, not class: the select builder imports this file, so importing it back would be a cycle.
 */
function splitSubqueries(operand: unknown): { subqueries: [BinaryOperator, SelectQueryNode][]; rest: unknown } {
  if (typeof operand !== 'object' || operand === null || Array.isArray(operand)) return { subqueries: [], rest: operand };
  const { $in, $nin } = operand as { $in?: unknown; $nin?: unknown };
  if (!isSubquery($in) && !isSubquery($nin)) return { subqueries: [], rest: operand };
  const subqueries: [BinaryOperator, SelectQueryNode][] = [];
  const rest: Record<string, unknown> = {};
  for (const [operator, value] of Object.entries(operand)) {
    if ((operator === '$in' || operator === '$nin') && isSubquery(value)) subqueries.push([operator === '$in' ? 'in' : 'not in', value.toNode()]);
    else rest[operator] = value;
  }
  if (subqueries.length === 0) return { subqueries, rest: operand };
  return { subqueries, rest: Object.keys(rest).length > 0 ? rest : undefined };
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

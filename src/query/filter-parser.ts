import { QueryError } from '../errors/query-error';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import { BinaryOperationNode, type BinaryOperator } from './nodes/binary-operation-node';
import { ColumnNode } from './nodes/column-node';
import { ConstantNode } from './nodes/constant-node';
import { IsNullNode } from './nodes/is-null-node';
import { JunctionNode } from './nodes/junction-node';
import { NotNode } from './nodes/not-node';
import { SelectQueryNode } from './nodes/select-query-node';
import { TableNode } from './nodes/table-node';
import type { OperationNode } from './nodes/operation-node';
import { NO_READ_FILTERS, type ReadFilters } from './read-filter';
import { TupleNode } from './nodes/tuple-node';
import { ValueNode } from './nodes/value-node';

/** Converts a property's value to the driver's form before it is bound (the entity's mapper does). */
export interface ValueEncoder {
  toDb(property: PropertyMetadata, value: unknown): unknown;
}

/** The encoder of each entity a filter reaches (through relations); the mapper registry is one. */
export interface EncoderLookup {
  get(meta: EntityMetadata): ValueEncoder;
}

const COMPARISONS: Readonly<Record<string, BinaryOperator>> = {
  $eq: '=',
  $ne: '<>',
  $gt: '>',
  $gte: '>=',
  $lt: '<',
  $lte: '<=',
};

/**
 * How deep a filter may nest (`$and`, `$or`, `$not` and relation filters each add a level): far beyond any
 * hand-written filter, and far below what would overflow the stack while parsing or compiling it.
 */
export const MAX_FILTER_DEPTH = 100;

/**
 * Turns a filter object into a condition node. Every key is checked against the metadata first, so an unknown
 * property or operator is a `QueryError` before any SQL exists; every value becomes a bound `ValueNode`.
 * A condition on a relation's target becomes a subquery (`author_id in (select id from author where ..)`), so
 * the root query never multiplies rows. An `undefined` anywhere is a `QueryError`, never a dropped condition:
 * `{ token: req.body.token }` with no token must not match every row.
 */
export function parseFilter(meta: EntityMetadata, filter: unknown, encoders: EncoderLookup, depth = 0, filters: ReadFilters = NO_READ_FILTERS): OperationNode | undefined {
  if (filter === undefined || filter === null) throw QueryError.missingFilter(meta.class);
  if (depth > MAX_FILTER_DEPTH) throw QueryError.filterTooDeep(meta.class, MAX_FILTER_DEPTH);
  const encoder = encoders.get(meta);
  if (typeof filter !== 'object') {
    return BinaryOperationNode.create(column(meta.primaryKey), '=', value(meta.primaryKey, filter, encoder));
  }
  const items = parseObject(meta, filter as Record<string, unknown>, encoders, depth, filters);
  if (items.length === 0) return undefined;
  return items.length === 1 ? items[0] : JunctionNode.create('and', items);
}

function parseObject(meta: EntityMetadata, filter: Record<string, unknown>, encoders: EncoderLookup, depth: number, filters: ReadFilters): OperationNode[] {
  const encoder = encoders.get(meta);
  const items: OperationNode[] = [];
  for (const key of Object.keys(filter)) {
    const operand = filter[key];
    if (operand === undefined) throw QueryError.undefinedInFilter(meta.class, key);
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(operand)) throw QueryError.badJunction(meta.class, key);
      const parts = operand.map((f) => parseNested(meta, f, encoders, depth, key, filters));
      items.push(JunctionNode.create(key === '$and' ? 'and' : 'or', parts));
    } else if (key === '$not') {
      items.push(NotNode.create(parseNested(meta, operand, encoders, depth, key, filters)));
    } else {
      const property = meta.propertiesByName.get(key);
      if (property?.relation && isNestedFilter(operand)) {
        items.push(BinaryOperationNode.create(column(property), 'in', targetKeys(property.relation, operand, encoders, depth + 1, filters)));
      } else if (property) {
        items.push(...parseCondition(meta, property, operand, encoder));
      } else {
        const relation = meta.relationsByName.get(key);
        if (!relation) throw QueryError.unknownProperty(meta.class, key, 'filter');
        if (!isPlainObject(operand)) throw QueryError.badRelationFilter(meta.class, key);
        items.push(BinaryOperationNode.create(column(meta.primaryKey), 'in', owningKeys(relation, operand, encoders, depth + 1, filters)));
      }
    }
  }
  return items;
}

/** One operand of `$and`/`$or`/`$not`, a level deeper; a missing one (`$or: [undefined]`) is an error, not "true". */
function parseNested(meta: EntityMetadata, filter: unknown, encoders: EncoderLookup, depth: number, junction: string, filters: ReadFilters): OperationNode {
  if (filter === undefined || filter === null) throw QueryError.undefinedInFilter(meta.class, junction);
  return parseFilter(meta, filter, encoders, depth + 1, filters) ?? ConstantNode.create(true);
}

function parseCondition(meta: EntityMetadata, property: PropertyMetadata, operand: unknown, encoder: ValueEncoder): OperationNode[] {
  if (operand === null) return [IsNullNode.create(column(property))];
  if (Array.isArray(operand)) return [inList(meta, property, operand, false, encoder)];
  if (!isPlainObject(operand)) {
    return [BinaryOperationNode.create(column(property), '=', value(property, operand, encoder))];
  }
  // An object is an operator map; a key without '$' is a typo ({ lte: 5 }), not a value to compare with.
  const stray = Object.keys(operand).find((k) => !k.startsWith('$'));
  if (stray !== undefined && property.type === 'json') throw QueryError.jsonEquality(meta.class, property.name);
  if (stray !== undefined || Object.keys(operand).length === 0) {
    throw QueryError.unknownOperator(meta.class, property.name, stray ?? '{}');
  }
  const items: OperationNode[] = [];
  for (const [operator, argument] of Object.entries(operand)) {
    if (argument === undefined) throw QueryError.undefinedInFilter(meta.class, property.name, operator);
    const comparison = COMPARISONS[operator];
    if (comparison) {
      if (argument === null && (operator === '$eq' || operator === '$ne')) {
        items.push(IsNullNode.create(column(property), operator === '$ne'));
      } else {
        items.push(BinaryOperationNode.create(column(property), comparison, value(property, argument, encoder)));
      }
    } else if (operator === '$in' || operator === '$nin') {
      if (!Array.isArray(argument)) throw QueryError.badOperand(meta.class, property.name, operator, 'an array');
      items.push(inList(meta, property, argument, operator === '$nin', encoder));
    } else if (operator === '$like' || operator === '$ilike') {
      if (typeof argument !== 'string') throw QueryError.badOperand(meta.class, property.name, operator, 'a string');
      const op = operator === '$like' ? 'like' : 'ilike';
      items.push(BinaryOperationNode.create(column(property), op, ValueNode.create(argument)));
    } else if (operator === '$null') {
      items.push(IsNullNode.create(column(property), !argument));
    } else {
      throw QueryError.unknownOperator(meta.class, property.name, operator);
    }
  }
  return items;
}

/** An object of the target's properties (not operators): a condition on the related rows. */
function isNestedFilter(operand: unknown): operand is Record<string, unknown> {
  return isPlainObject(operand) && Object.keys(operand).some((k) => !k.startsWith('$') || k === '$and' || k === '$or' || k === '$not');
}

/**
 * A read's condition: `filter` AND what the active read filters (global filters, soft delete) put on `meta`.
 * A filter's own condition is parsed without filters, so a filter through a relation to its own entity ends.
 */
export function parseFilteredWhere(meta: EntityMetadata, filter: unknown, encoders: EncoderLookup, filters: ReadFilters, depth = 0): OperationNode | undefined {
  const where = parseFilter(meta, filter, encoders, depth, filters);
  const condition = filters.conditionOf(meta);
  if (condition === undefined) return where;
  const added = parseFilter(meta, condition, encoders, depth);
  if (!added) return where;
  return where ? JunctionNode.create('and', [where, added]) : added;
}

/** `select <target pk> from <target> where <filter>` (and the target's read filters). */
function targetKeys(relation: RelationMetadata, filter: Record<string, unknown>, encoders: EncoderLookup, depth: number, filters: ReadFilters): SelectQueryNode {
  const { target } = relation;
  const node = SelectQueryNode.create(TableNode.create(target.table), [column(target.primaryKey)]);
  return SelectQueryNode.withWhere(node, parseFilteredWhere(target, filter, encoders, filters, depth));
}

/**
 * The keys of the source rows having a related row that matches: the children's foreign keys (one-to-many,
 * inverse one-to-one), or the pivot's source keys of matching targets (many-to-many).
 */
function owningKeys(relation: RelationMetadata, filter: Record<string, unknown>, encoders: EncoderLookup, depth: number, filters: ReadFilters): SelectQueryNode {
  const { target } = relation;
  if (relation.pivot) {
    const { pivot } = relation;
    const node = SelectQueryNode.create(TableNode.create(pivot.table), [column(pivot.sourceColumn)]);
    return SelectQueryNode.withWhere(node, BinaryOperationNode.create(column(pivot.targetColumn), 'in', targetKeys(relation, filter, encoders, depth, filters)));
  }
  const foreignKey = target.relationsByName.get(relation.inverse as string)?.property as PropertyMetadata;
  const node = SelectQueryNode.create(TableNode.create(target.table), [column(foreignKey)]);
  return SelectQueryNode.withWhere(node, parseFilteredWhere(target, filter, encoders, filters, depth));
}

function inList(meta: EntityMetadata, property: PropertyMetadata, values: readonly unknown[], negated: boolean, encoder: ValueEncoder): OperationNode {
  // An empty list matches nothing (IN) or everything (NOT IN); SQL has no empty tuple.
  if (values.length === 0) return ConstantNode.create(negated);
  const items = new Array<ValueNode>(values.length);
  for (let i = 0; i < values.length; i++) {
    if (values[i] === undefined) throw QueryError.undefinedInFilter(meta.class, property.name, negated ? '$nin' : '$in');
    items[i] = value(property, values[i], encoder);
  }
  return BinaryOperationNode.create(column(property), negated ? 'not in' : 'in', TupleNode.create(items));
}

/** An object that is not a value: Dates, Buffers and other instances compare by equality. */
function isPlainObject(operand: unknown): operand is Record<string, unknown> {
  if (typeof operand !== 'object' || operand === null) return false;
  const proto = Object.getPrototypeOf(operand);
  return proto === Object.prototype || proto === null;
}

function column(property: PropertyMetadata): ColumnNode {
  return ColumnNode.create(property.column);
}

function value(property: PropertyMetadata, v: unknown, encoder: ValueEncoder): ValueNode {
  return ValueNode.create(encoder.toDb(property, v));
}

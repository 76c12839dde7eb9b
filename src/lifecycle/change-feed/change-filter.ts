import { QueryError } from '../../errors/query-error';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { ChangeEvent } from './change-event';

type Test = (value: unknown) => boolean;
type Bag = Record<string, unknown>;

const OPERATORS: Readonly<Record<string, (operand: unknown) => Test>> = {
  $eq: (operand) => (v) => same(v, operand),
  $ne: (operand) => (v) => !same(v, operand),
  $in: (operand) => (v) => list(operand).some((o) => same(v, o)),
  $nin: (operand) => (v) => !list(operand).some((o) => same(v, o)),
  $gt: (operand) => (v) => v != null && comparable(v) > comparable(operand),
  $gte: (operand) => (v) => v != null && comparable(v) >= comparable(operand),
  $lt: (operand) => (v) => v != null && comparable(v) < comparable(operand),
  $lte: (operand) => (v) => v != null && comparable(v) <= comparable(operand),
};

/**
 * A consumer's `where`, checked against each event's row in this process (the transport carries every change
 * of the entity). Names are checked against the metadata once, when the feed opens: a `QueryError` names the
 * entity and property. An update matches if the row matched before it or after it.
 */
export function changeFilter<T>(meta: EntityMetadata<T>, where: object | undefined): (event: ChangeEvent<T>) => boolean {
  const tests: [string, Test][] = Object.entries(where ?? {}).map(([name, condition]) => {
    if (!meta.propertiesByName.has(name)) throw QueryError.unknownProperty(meta as EntityMetadata, name, 'filter');
    return [name, testOf(meta as EntityMetadata, name, condition)];
  });
  if (tests.length === 0) return () => true;
  const matches = (row: Bag) => tests.every(([name, test]) => test(row[name]));
  return (event) => {
    const after = event.values as Bag;
    if (matches(after)) return true;
    if (event.op !== 'update') return false;
    const before: Bag = { ...after };
    for (const [name, pair] of Object.entries(event.changed)) before[name] = (pair as readonly unknown[])[0];
    return matches(before);
  };
}

function testOf(meta: EntityMetadata, name: string, condition: unknown): Test {
  if (condition === undefined) throw QueryError.undefinedInFilter(meta, name);
  if (!isOperatorObject(condition)) return OPERATORS.$eq(condition);
  const tests = Object.entries(condition).map(([operator, operand]) => {
    const make = OPERATORS[operator];
    if (!make) throw QueryError.unknownOperator(meta, name, operator);
    if (operand === undefined) throw QueryError.undefinedInFilter(meta, name, operator);
    return make(operand);
  });
  return (v) => tests.every((test) => test(v));
}

/** `{ $in: [..] }` is a condition; a Date, a Buffer or an array is a value. */
function isOperatorObject(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && !Buffer.isBuffer(value) && !Array.isArray(value);
}

function list(operand: unknown): readonly unknown[] {
  return Array.isArray(operand) ? operand : [operand];
}

/** A Date compares by its time; numbers, strings and bigints as they are. */
function comparable(value: unknown): number | string {
  return (value instanceof Date ? value.getTime() : value) as number | string;
}

function same(a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == b;
  return comparable(a) === comparable(b) || (typeof a !== typeof b && String(a) === String(b));
}

import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import { parseFilter, type EncoderLookup } from './filter-parser';
import { qualifyColumns } from './builder/qualify-columns';
import { JunctionNode } from './nodes/junction-node';
import { NO_READ_FILTERS, type ReadFilters } from './read-filter';
import type { FindOptions } from './filter-query';
import { buildFindQuery } from './find-query';
import { AliasNode } from './nodes/alias-node';
import { BinaryOperationNode } from './nodes/binary-operation-node';
import { ColumnNode } from './nodes/column-node';
import { DerivedTableNode } from './nodes/derived-table-node';
import { JoinNode } from './nodes/join-node';
import { OrderByItemNode } from './nodes/order-by-item-node';
import type { Selection } from './nodes/select-query-node';
import { SelectQueryNode } from './nodes/select-query-node';
import { TableNode } from './nodes/table-node';

/** A relation to load by JOIN, and the relations to load below it. */
export interface JoinPath {
  readonly relation: RelationMetadata;
  readonly children: readonly JoinPath[];
}

/** One table of a joined load: its alias, and the prefix of its columns in each row (`t1__title`). */
export interface JoinedTable {
  readonly meta: EntityMetadata;
  readonly relation?: RelationMetadata;
  readonly prefix: string;
  readonly children: readonly JoinedTable[];
}

/**
 * One SELECT loading the roots and every relation of `paths` through LEFT JOINs, each table's columns aliased
 * with its own prefix. The roots are a derived table carrying the filter, order and pagination, so `limit`
 * counts roots, not joined rows; the outer query keeps the roots' order.
 */
export function buildJoinedQuery<T extends object>(
  meta: EntityMetadata<T>,
  filter: unknown,
  options: FindOptions<T>,
  paths: readonly JoinPath[],
  encoders: EncoderLookup,
  filters: ReadFilters = NO_READ_FILTERS,
): { node: SelectQueryNode; root: JoinedTable } {
  const roots = buildFindQuery(meta, filter, { ...options, fields: undefined }, encoders, filters).node;
  // A filtered target's condition goes into its join's ON, so a hidden row is a missing relation, not a missing root.
  const left = (target: EntityMetadata | undefined, table: string, alias: string, on: ColumnNode, equals: ColumnNode): JoinNode => {
    const join = BinaryOperationNode.create(on, '=', equals);
    const condition = target && filters.conditionOf(target);
    const added = condition && parseFilter(target, condition, encoders);
    return JoinNode.create('left', TableNode.create(table, alias), added ? JunctionNode.create('and', [join, qualifyColumns(added, alias)]) : join);
  };
  let counter = 0;
  const selections: Selection[] = [];
  const joins: JoinNode[] = [];
  const select = (table: EntityMetadata, alias: string) => {
    for (const p of table.properties) selections.push(AliasNode.create(ColumnNode.create(p.column, alias), `${alias}__${p.column}`));
  };
  const visit = (parent: EntityMetadata, parentAlias: string, path: JoinPath): JoinedTable => {
    const alias = `t${++counter}`;
    const { relation } = path;
    const { target } = relation;
    const pk = (m: EntityMetadata, a: string) => ColumnNode.create(m.primaryKey.column, a);
    if (relation.property) {
      joins.push(left(target, target.table, alias, pk(target, alias), ColumnNode.create(relation.property.column, parentAlias)));
    } else if (relation.pivot) {
      const pivotAlias = `${alias}_p`;
      const { pivot } = relation;
      joins.push(left(undefined, pivot.table, pivotAlias, ColumnNode.create(pivot.sourceColumn.column, pivotAlias), pk(parent, parentAlias)));
      joins.push(left(target, target.table, alias, pk(target, alias), ColumnNode.create(pivot.targetColumn.column, pivotAlias)));
    } else {
      const foreignKey = target.relationsByName.get(relation.inverse as string)?.property as PropertyMetadata;
      joins.push(left(target, target.table, alias, ColumnNode.create(foreignKey.column, alias), pk(parent, parentAlias)));
    }
    select(target, alias);
    return { meta: target, relation, prefix: `${alias}__`, children: path.children.map((child) => visit(target, alias, child)) };
  };
  select(meta, 't0');
  const children = paths.map((path) => visit(meta, 't0', path));
  let node = SelectQueryNode.create(DerivedTableNode.create(roots, 't0'), selections);
  for (const join of joins) node = SelectQueryNode.withJoin(node, join);
  if (roots.orderBy) {
    node = SelectQueryNode.withOrderBy(
      node,
      roots.orderBy.map((item) => OrderByItemNode.create(ColumnNode.create(item.column.name, 't0'), item.direction)),
    );
  }
  return { node, root: { meta, prefix: 't0__', children } };
}

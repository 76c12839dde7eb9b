import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import { AliasNode } from './nodes/alias-node';
import { BinaryOperationNode } from './nodes/binary-operation-node';
import { ColumnNode } from './nodes/column-node';
import { JoinNode } from './nodes/join-node';
import { SelectQueryNode } from './nodes/select-query-node';
import { TableNode } from './nodes/table-node';
import { TupleNode } from './nodes/tuple-node';
import { ValueNode } from './nodes/value-node';
import { JunctionNode } from './nodes/junction-node';
import type { OperationNode } from './nodes/operation-node';
import { qualifyColumns } from './builder/qualify-columns';

/** The column a many-to-many load adds to each target row: the owner's key, read from the pivot. */
export const OWNER_KEY_ALIAS = 'tessera_owner';

const TARGET_ALIAS = 't';
const PIVOT_ALIAS = 'p';

/**
 * `select <every column> from t where <column> in (..keys)`: targets by key, or children by foreign key; `and`
 * is the read filters' condition on `meta`, when it has one.
 */
export function buildSelectWhereIn(meta: EntityMetadata, column: PropertyMetadata, keys: readonly unknown[], and?: OperationNode): SelectQueryNode {
  const node = SelectQueryNode.create(TableNode.create(meta.table), meta.properties.map((p) => ColumnNode.create(p.column)));
  return SelectQueryNode.withWhere(node, both(inKeys(ColumnNode.create(column.column), keys), and));
}

/**
 * One query for a many-to-many level: `select t.*, p.<source> as tessera_owner from <target> as t
 * inner join <pivot> as p on p.<target> = t.<pk> where p.<source> in (..keys)`.
 */
export function buildPivotLoad(relation: RelationMetadata, keys: readonly unknown[], and?: OperationNode): SelectQueryNode {
  const { target } = relation;
  const pivot = relation.pivot as NonNullable<RelationMetadata['pivot']>;
  const selections = [
    ...target.properties.map((p) => ColumnNode.create(p.column, TARGET_ALIAS)),
    AliasNode.create(ColumnNode.create(pivot.sourceColumn.column, PIVOT_ALIAS), OWNER_KEY_ALIAS),
  ];
  const join = JoinNode.create(
    'inner',
    TableNode.create(pivot.table, PIVOT_ALIAS),
    BinaryOperationNode.create(ColumnNode.create(pivot.targetColumn.column, PIVOT_ALIAS), '=', ColumnNode.create(target.primaryKey.column, TARGET_ALIAS)),
  );
  const node = SelectQueryNode.withJoin(SelectQueryNode.create(TableNode.create(target.table, TARGET_ALIAS), selections), join);
  return SelectQueryNode.withWhere(node, both(inKeys(ColumnNode.create(pivot.sourceColumn.column, PIVOT_ALIAS), keys), and && qualifyColumns(and, TARGET_ALIAS)));
}

function both(keys: OperationNode, and: OperationNode | undefined): OperationNode {
  return and ? JunctionNode.create('and', [keys, and]) : keys;
}

function inKeys(column: ColumnNode, keys: readonly unknown[]): BinaryOperationNode {
  return keys.length === 1
    ? BinaryOperationNode.create(column, '=', ValueNode.create(keys[0]))
    : BinaryOperationNode.create(column, 'in', TupleNode.create(keys.map((k) => ValueNode.create(k))));
}

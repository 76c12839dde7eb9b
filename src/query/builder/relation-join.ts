import { QueryError } from '../../errors/query-error';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import type { RelationMetadata } from '../../metadata/relation-metadata';
import { BinaryOperationNode } from '../nodes/binary-operation-node';
import { ColumnNode } from '../nodes/column-node';
import { JoinNode } from '../nodes/join-node';
import { SelectQueryNode } from '../nodes/select-query-node';
import { TableNode } from '../nodes/table-node';
import type { QueryScope } from './query-scope';

/**
 * The JOINs that follow `relation` from the table aliased `from` to its target aliased `to`, with the ON read
 * from the relation metadata: the foreign key on this side (m:1, owning 1:1), on the other side (1:m, inverse
 * 1:1), or a pivot table in between (m:n; the pivot is aliased `<to>_pivot`).
 */
export function relationJoins(relation: RelationMetadata, from: string, to: string, joinType: JoinNode['joinType']): JoinNode[] {
  const { source, target } = relation;
  const pk = (column: PropertyMetadata, alias: string) => ColumnNode.create(column.column, alias);
  const join = (table: string, alias: string, left: ColumnNode, right: ColumnNode) =>
    JoinNode.create(joinType, TableNode.create(table, alias), BinaryOperationNode.create(left, '=', right));
  if (relation.property) {
    return [join(target.table, to, pk(target.primaryKey, to), pk(relation.property, from))];
  }
  if (relation.pivot) {
    const { pivot } = relation;
    const pivotAlias = `${to}_pivot`;
    return [
      join(pivot.table, pivotAlias, pk(pivot.sourceColumn, pivotAlias), pk(source.primaryKey, from)),
      join(target.table, to, pk(target.primaryKey, to), pk(pivot.targetColumn, pivotAlias)),
    ];
  }
  const foreignKey = target.relationsByName.get(relation.inverse as string)?.property as PropertyMetadata;
  return [join(target.table, to, pk(foreignKey, to), pk(source.primaryKey, from))];
}

/** The scope and query after joining the relation at `path` (`'a.books'`) as `alias`; an unknown relation is a `QueryError`. */
export function joinRelation(
  scope: QueryScope,
  node: SelectQueryNode,
  path: string,
  alias: string,
  joinType: JoinNode['joinType'],
): { scope: QueryScope; node: SelectQueryNode } {
  const { entry, name } = scope.split(path);
  const relation = entry.meta.relationsByName.get(name);
  if (!relation) throw QueryError.unknownRelation(entry.meta.class, path);
  let next = node;
  for (const join of relationJoins(relation, entry.alias, alias, joinType)) next = SelectQueryNode.withJoin(next, join);
  return { scope: scope.with(alias, relation.target), node: next };
}

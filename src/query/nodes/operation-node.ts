import type { AggregateNode } from './aggregate-node';
import type { AliasNode } from './alias-node';
import type { AssignmentNode } from './assignment-node';
import type { BinaryOperationNode } from './binary-operation-node';
import type { CastNode } from './cast-node';
import type { ColumnNode } from './column-node';
import type { ConstantNode } from './constant-node';
import type { DeleteQueryNode } from './delete-query-node';
import type { DerivedTableNode } from './derived-table-node';
import type { IdentifierNode } from './identifier-node';
import type { ExplainNode } from './explain-node';
import type { InsertQueryNode } from './insert-query-node';
import type { IsNullNode } from './is-null-node';
import type { JoinNode } from './join-node';
import type { JunctionNode } from './junction-node';
import type { LockNode } from './lock-node';
import type { NotNode } from './not-node';
import type { OnConflictNode } from './on-conflict-node';
import type { OrderByItemNode } from './order-by-item-node';
import type { ParameterNode } from './parameter-node';
import type { RawNode } from './raw-node';
import type { SelectQueryNode } from './select-query-node';
import type { TableNode } from './table-node';
import type { TupleNode } from './tuple-node';
import type { UnnestNode } from './unnest-node';
import type { UpdateQueryNode } from './update-query-node';
import type { ValueNode } from './value-node';
import type { ValuesNode } from './values-node';

/** Every node of the query tree; `kind` is the tag the compiler dispatches on. */
export type OperationNode =
  | AggregateNode
  | AliasNode
  | AssignmentNode
  | BinaryOperationNode
  | CastNode
  | ColumnNode
  | ConstantNode
  | DeleteQueryNode
  | DerivedTableNode
  | IdentifierNode
  | ExplainNode
  | InsertQueryNode
  | IsNullNode
  | JoinNode
  | JunctionNode
  | LockNode
  | NotNode
  | OnConflictNode
  | OrderByItemNode
  | ParameterNode
  | RawNode
  | SelectQueryNode
  | TableNode
  | TupleNode
  | UnnestNode
  | UpdateQueryNode
  | ValueNode
  | ValuesNode;

/** A statement the compiler can turn into SQL on its own. */
export type QueryNode = SelectQueryNode | InsertQueryNode | UpdateQueryNode | DeleteQueryNode | RawNode | ExplainNode;

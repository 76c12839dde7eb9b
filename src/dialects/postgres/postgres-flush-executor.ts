import type { PropertyMetadata } from '../../metadata/property-metadata';
import { CastNode } from '../../query/nodes/cast-node';
import type { OperationNode } from '../../query/nodes/operation-node';
import { SqlFlushExecutor } from '../sql-flush-executor';
import { postgresColumnType } from './postgres-types';

/**
 * PostgreSQL infers a CASE's type from its arms, and bare parameters there are `text`: each arm is cast to
 * the column's type so a batched UPDATE of an integer or timestamp column type-checks.
 */
export class PostgresFlushExecutor extends SqlFlushExecutor {
  protected override typedValue(node: OperationNode, property: PropertyMetadata): OperationNode {
    return CastNode.create(node, postgresColumnType(property));
  }
}

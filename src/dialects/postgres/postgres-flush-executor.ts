import type { PropertyMetadata } from '../../metadata/property-metadata';
import { CastNode } from '../../query/nodes/cast-node';
import type { OperationNode } from '../../query/nodes/operation-node';
import { SqlFlushExecutor } from '../sql-flush-executor';
import { postgresColumnType } from './postgres-types';

/**
 * PostgreSQL types a VALUES list's columns from their values, and bare parameters there are `text`: the first
 * row's values are cast to their columns' types so a batched UPDATE of an integer or timestamp column
 * type-checks (the other rows follow the first).
 */
export class PostgresFlushExecutor extends SqlFlushExecutor {
  protected override typedValue(node: OperationNode, property: PropertyMetadata): OperationNode {
    return CastNode.create(node, postgresColumnType(property));
  }
}

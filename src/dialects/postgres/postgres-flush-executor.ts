import type { PropertyMetadata } from '../../metadata/property-metadata';
import { CastNode } from '../../query/nodes/cast-node';
import type { OperationNode } from '../../query/nodes/operation-node';
import { SqlFlushExecutor } from '../sql-flush-executor';
import { postgresColumnType } from './postgres-types';

/**
 * Batches travel as one array per column (`unnest`), and PostgreSQL must be told each array's element type:
 * a bare parameter there is `text`.
 */
export class PostgresFlushExecutor extends SqlFlushExecutor {
  protected override typedValue(node: OperationNode, property: PropertyMetadata, array: boolean): OperationNode {
    return CastNode.create(node, `${postgresColumnType(property)}${array ? '[]' : ''}`);
  }
}

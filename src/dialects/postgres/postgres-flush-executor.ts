import type { PropertyMetadata } from '../../metadata/property-metadata';
import { CastNode } from '../../query/nodes/cast-node';
import type { OperationNode } from '../../query/nodes/operation-node';
import { SqlFlushExecutor } from '../../sql/sql-flush-executor';
import { postgresColumnType } from './postgres-types';

/**
 * Batches travel as one array per column (`unnest`), and PostgreSQL must be told each array's element type:
 * a bare parameter there is `text`. A string column's cast names no length: an explicit cast to varchar(n)
 * silently truncates a longer value, where the assignment to the column (an assignment cast) raises 22001.
 * JSON arrays travel as json[], not jsonb[] (below).
 */
export class PostgresFlushExecutor extends SqlFlushExecutor {
  protected override typedValue(node: OperationNode, property: PropertyMetadata, array: boolean): OperationNode {
    // A jsonb[] parameter parses slowly (about 2x a json[] one for 10,000 documents); a json array is assigned to
    // the jsonb column (an assignment cast) with each document parsed once.
    const type = property.type === 'string' ? 'varchar' : array && property.type === 'json' ? 'json' : postgresColumnType(property);
    return CastNode.create(node, `${type}${array ? '[]' : ''}`);
  }
}

import type { Row } from '../mapper/entity-mapper';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { SelectQueryNode } from '../query/nodes/select-query-node';
import type { LoadHost } from '../relations/batch-loader';
import type { UnitOfWork } from '../unit-of-work/unit-of-work';

/** Where loads run: an EntityManager's unit of work and connection. */
export interface LoadTarget {
  readonly uow: UnitOfWork;
  select(query: SelectQueryNode): Promise<Row[]>;
}

/**
 * @internal The batch loader's view of an EntityManager. `target` is swapped to a transaction's EntityManager
 * while `transactional` runs, so that lazy loads made inside it use its connection and identity map.
 */
export class EntityManagerLoadHost implements LoadHost {
  constructor(
    public target: LoadTarget,
    private readonly mappers: MapperRegistry,
    readonly chunkSize: number,
  ) {}

  select(query: SelectQueryNode): Promise<Row[]> {
    return this.target.select(query);
  }

  merge(meta: EntityMetadata, row: Row, prefix = ''): object {
    const mapper = this.mappers.get(meta);
    return this.target.uow.merge(mapper, row, prefix ? mapper.hydratorFor(meta.properties, prefix) : mapper.hydrate, false, prefix);
  }

  isLoaded(entity: object): boolean {
    return this.target.uow.isLoaded(entity);
  }

  metaOf(entity: object): EntityMetadata {
    return this.target.uow.metaOf(entity, 'load');
  }

  keyToDb(meta: EntityMetadata, key: unknown): unknown {
    return this.mappers.get(meta).toDb(meta.primaryKey, key);
  }

  keyFromDb(meta: EntityMetadata, value: unknown): unknown {
    return this.mappers.get(meta).keyFromDb(value);
  }
}

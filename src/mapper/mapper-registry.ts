import type { EntityMetadata } from '../metadata/entity-metadata';
import { EntityMapper } from './entity-mapper';
import type { TargetOf } from './foreign-key';
import type { ConverterLookup } from './value-converter';

/** One `EntityMapper` per entity of an Orm, generated on first use. */
export class MapperRegistry {
  // Keyed by metadata; each value is the mapper of its key's entity type.
  private readonly mappers = new Map<EntityMetadata, EntityMapper<never>>();

  constructor(
    private readonly converterFor: ConverterLookup,
    private readonly targetOf?: TargetOf,
  ) {}

  get<T extends object>(meta: EntityMetadata<T>): EntityMapper<T> {
    let mapper = this.mappers.get(meta) as EntityMapper<T> | undefined;
    if (!mapper) {
      mapper = new EntityMapper(meta, this.converterFor, this.targetOf);
      this.mappers.set(meta, mapper as unknown as EntityMapper<never>);
    }
    return mapper;
  }
}

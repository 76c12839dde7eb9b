import { MetadataError } from '../../errors/metadata-error';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import { SOFT_DELETE_FILTER, type FilterMetadata } from '../../metadata/filter-metadata';
import type { MetadataStorage } from '../../metadata/metadata-storage';
import { filterMetadata } from './filter-decorator';
import type { GlobalFilterOptions } from './filter-options';

const NONE: readonly FilterMetadata[] = Object.freeze([]);

/**
 * @internal The filters of one Orm, per entity: its own `@Filter`s, the `Orm.init({ filters })` entries that name
 * it (or name no entity), and the built-in soft-delete filter when it has a `@SoftDelete()` column. Built once.
 */
export class FilterRegistry {
  private readonly byMeta = new Map<EntityMetadata, readonly FilterMetadata[]>();
  /** Every filter name declared anywhere, and 'softDelete'. */
  readonly names = new Set<string>([SOFT_DELETE_FILTER]);
  /** Whether any entity has a filter: without one, reads never look further. */
  readonly any: boolean;

  constructor(metadata: MetadataStorage, global: readonly GlobalFilterOptions[] = []) {
    const globals = global.map((options) => ({ definition: checkedGlobal(options), entities: options.entities }));
    for (const meta of metadata.all) {
      const filters = [...meta.filters];
      for (const { definition, entities } of globals) {
        if (entities && !entities.includes(meta.class)) continue;
        if (!filters.some((f) => f.name === definition.name)) filters.push(definition);
      }
      if (meta.softDelete) filters.push(softDeleteFilter(meta.softDelete.name));
      for (const f of filters) this.names.add(f.name);
      if (filters.length > 0) this.byMeta.set(meta, Object.freeze(filters));
    }
    for (const { definition } of globals) this.names.add(definition.name);
    this.any = this.byMeta.size > 0;
  }

  of(meta: EntityMetadata): readonly FilterMetadata[] {
    return this.byMeta.get(meta) ?? NONE;
  }
}

function checkedGlobal(options: GlobalFilterOptions): FilterMetadata {
  const definition = filterMetadata(options as never);
  const owner = { name: 'Orm.init({ filters })' };
  if (typeof definition.name !== 'string' || definition.name === '' || definition.name === SOFT_DELETE_FILTER) throw MetadataError.badFilterName(owner, definition.name);
  const cond: unknown = definition.cond;
  if (typeof cond !== 'function' && (typeof cond !== 'object' || cond === null || Array.isArray(cond))) throw MetadataError.badFilterCondition(owner, definition.name);
  return definition;
}

/** Soft delete as a filter, so every read path skips deleted rows the way it applies any filter. */
function softDeleteFilter(property: string): FilterMetadata {
  return Object.freeze({ name: SOFT_DELETE_FILTER, cond: Object.freeze({ [property]: null }), default: true, args: false });
}

import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMapper } from '../mapper/entity-mapper';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import { INITIAL_VERSION, type ChangeSet, type UpdateChangeSet } from './change-set';
import type { EntityEntry, IdentityMap } from './identity-map';

/**
 * Compares every tracked entity with its snapshot through the generated diff: new entities become inserts,
 * changed managed ones updates of their changed columns only, removed ones deletes. Unchanged entities (and
 * values changed and changed back) produce nothing.
 */
export function computeChangeSets(identityMap: IdentityMap, mappers: MapperRegistry): ChangeSet[] {
  const changeSets: ChangeSet[] = [];
  // One time for the whole flush: its soft deletes share one value, so they batch into one UPDATE.
  let now: Date | undefined;
  // Entities of a class mostly come in runs (a load tracks them together): a mapper is looked up once per run.
  let meta: EntityMetadata | undefined;
  let mapper = undefined as unknown as EntityMapper;
  identityMap.forEach((entry, entity) => {
    if (entry.meta !== meta) mapper = mappers.get((meta = entry.meta));
    if (entry.state === 'removed' && entry.meta.softDelete && !entry.hard) {
      const softDelete = softDeleteChangeSet(entity, entry, mapper, (now ??= new Date()));
      if (softDelete) changeSets.push(softDelete);
    } else if (entry.state === 'new') {
      const values = mapper.dehydrate(entity);
      // The array is this change set's own, so the initial version goes in before anyone reads it.
      const version = entry.meta.version;
      if (version && values[version.index] === undefined) values[version.index] = INITIAL_VERSION;
      changeSets.push({ type: 'insert', entity, meta: entry.meta, values });
    } else if (entry.state === 'removed') {
      changeSets.push({ type: 'delete', entity, meta: entry.meta, key: entry.key, expectedVersion: versionOf(entry), snapshot: entry.snapshot });
    } else if (entry.snapshot) {
      const changed = mapper.diff(entry.snapshot, entity);
      if (changed) {
        // Only the changed columns are converted: an update sends nothing else.
        const values = changed.map((i) => {
          const property = entry.meta.properties[i];
          return mapper.toDb(property, (entity as Record<string, unknown>)[property.name]);
        });
        changeSets.push({ type: 'update', entity, meta: entry.meta, values, changed, key: entry.key, expectedVersion: versionOf(entry), snapshot: entry.snapshot });
      }
    }
  });
  return changeSets;
}

/**
 * `em.remove()` of a `@SoftDelete` entity: an update of its soft-delete column to the flush's time, with any other
 * changes it has. A row soft-deleted already keeps its time (a cascade reaching it again writes nothing).
 */
function softDeleteChangeSet(entity: object, entry: EntityEntry, mapper: EntityMapper, now: Date): UpdateChangeSet | undefined {
  const meta = entry.meta;
  const property = meta.softDelete as PropertyMetadata;
  if ((entity as Record<string, unknown>)[property.name] != null) return undefined;
  const softDeleted = property.type === 'date' ? now.toISOString().slice(0, 10) : now;
  const changed = (entry.snapshot && mapper.diff(entry.snapshot, entity)?.filter((i) => i !== property.index)) || [];
  const values = changed.map((i) => mapper.toDb(meta.properties[i], (entity as Record<string, unknown>)[meta.properties[i].name]));
  changed.push(property.index);
  values.push(mapper.toDb(property, softDeleted));
  const snapshot = entry.snapshot ?? {};
  return { type: 'update', entity, meta, values, changed, key: entry.key, expectedVersion: versionOf(entry), snapshot, softDeleted };
}

function versionOf(entry: EntityEntry): number | undefined {
  const version = entry.meta.version;
  return version && entry.snapshot ? (entry.snapshot[version.name] as number) : undefined;
}

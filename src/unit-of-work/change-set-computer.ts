import type { MapperRegistry } from '../mapper/mapper-registry';
import { INITIAL_VERSION, type ChangeSet } from './change-set';
import type { EntityEntry, IdentityMap } from './identity-map';

/**
 * Compares every tracked entity with its snapshot through the generated diff: new entities become inserts,
 * changed managed ones updates of their changed columns only, removed ones deletes. Unchanged entities (and
 * values changed and changed back) produce nothing.
 */
export function computeChangeSets(identityMap: IdentityMap, mappers: MapperRegistry): ChangeSet[] {
  const changeSets: ChangeSet[] = [];
  for (const [entity, entry] of identityMap.all()) {
    const mapper = mappers.get(entry.meta);
    if (entry.state === 'new') {
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
  }
  return changeSets;
}

function versionOf(entry: EntityEntry): number | undefined {
  const version = entry.meta.version;
  return version && entry.snapshot ? (entry.snapshot[version.name] as number) : undefined;
}

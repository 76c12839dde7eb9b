import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { ChangeSet } from './change-set';
import type { DeleteBatch, FlushBatch, FlushPlan, InsertBatch, UpdateBatch, UpdateRow } from './flush-plan';

/** The version a new versioned row starts at. */
export const INITIAL_VERSION = 1;

/**
 * Groups change sets into batches of one shape, in commit order: inserts parent tables first, then updates,
 * then deletes children first. Within an entity, inserts are grouped by the set of columns they carry (a
 * column left undefined is left out so its database default applies) and updates by the set of changed columns.
 */
export function planFlush(changeSets: readonly ChangeSet[], order: readonly EntityMetadata[], mappers: MapperRegistry): FlushPlan {
  const byMeta = new Map<EntityMetadata, ChangeSet[]>();
  for (const cs of changeSets) {
    let list = byMeta.get(cs.meta);
    if (!list) byMeta.set(cs.meta, (list = []));
    list.push(cs);
  }
  const inserts: FlushBatch[] = [];
  const updates: FlushBatch[] = [];
  const deletes: FlushBatch[] = [];
  for (const meta of order) {
    const sets = byMeta.get(meta);
    if (!sets) continue;
    inserts.push(...planInserts(meta, sets.filter((cs) => cs.type === 'insert')));
    updates.push(...planUpdates(meta, sets.filter((cs) => cs.type === 'update'), mappers));
    const removed = sets.filter((cs) => cs.type === 'delete');
    if (removed.length > 0) deletes.unshift(planDelete(meta, removed, mappers));
  }
  return { batches: [...inserts, ...updates, ...deletes] };
}

function planInserts(meta: EntityMetadata, sets: readonly ChangeSet[]): InsertBatch[] {
  const groups = new Map<string, { columns: PropertyMetadata[]; rows: (readonly unknown[])[]; entities: object[] }>();
  const width = meta.properties.length;
  for (const cs of sets) {
    const values = cs.values as unknown[];
    if (meta.version && values[meta.version.index] === undefined) values[meta.version.index] = INITIAL_VERSION;
    let shape = '';
    let present = 0;
    for (let i = 0; i < width; i++) {
      if (values[i] === undefined) shape += i + ',';
      else present++;
    }
    let group = groups.get(shape);
    if (!group) {
      const columns = meta.properties.filter((p) => values[p.index] !== undefined);
      groups.set(shape, (group = { columns, rows: [], entities: [] }));
    }
    // The common case, every column set: the dehydrated array already is the row.
    group.rows.push(present === width ? values : group.columns.map((p) => values[p.index]));
    group.entities.push(cs.entity);
  }
  const pk = meta.primaryKey;
  return [...groups.values()].map((g) => ({
    kind: 'insert',
    meta,
    columns: g.columns,
    rows: g.rows,
    entities: g.entities,
    generatedKey: pk.generation === 'identity' && !g.columns.includes(pk) ? pk : undefined,
  }));
}

function planUpdates(meta: EntityMetadata, sets: readonly ChangeSet[], mappers: MapperRegistry): UpdateBatch[] {
  const mapper = mappers.get(meta);
  const groups = new Map<string, { columns: PropertyMetadata[]; rows: UpdateRow[]; entities: object[] }>();
  for (const cs of sets) {
    const changed = cs.changed as readonly number[];
    const shape = changed.join(',');
    let group = groups.get(shape);
    if (!group) groups.set(shape, (group = { columns: changed.map((i) => meta.properties[i]), rows: [], entities: [] }));
    group.rows.push({
      key: mapper.toDb(meta.primaryKey, cs.key),
      version: cs.expectedVersion,
      values: (cs.values as readonly unknown[]).map((v) => (v === undefined ? null : v)),
    });
    group.entities.push(cs.entity);
  }
  return [...groups.values()].map((g) => ({ kind: 'update', meta, ...g }));
}

function planDelete(meta: EntityMetadata, sets: readonly ChangeSet[], mappers: MapperRegistry): DeleteBatch {
  const mapper = mappers.get(meta);
  const pk = meta.primaryKey;
  const entities = sets.map((cs) => cs.entity);
  return {
    kind: 'delete',
    meta,
    keys: sets.map((cs) => mapper.toDb(pk, cs.key)),
    versions: meta.version ? sets.map((cs) => cs.expectedVersion as number) : undefined,
    entities,
  };
}

import { CommitOrderError } from '../errors/commit-order-error';
import { PendingKey } from '../mapper/foreign-key';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import { unwrapReference } from '../relations/reference';
import type { ChangeSet } from './change-set';
import type { DeleteBatch, FlushBatch, FlushPlan, InsertBatch, LinkBatch, UpdateBatch, UpdateRow } from './flush-plan';
import type { LinkChange } from './link-change-computer';

/** The version a new versioned row starts at. */
export const INITIAL_VERSION = 1;

type Bag = Record<string, unknown>;

/** Rows of one entity whose foreign key is written by an UPDATE after the INSERTs (a broken cycle). */
interface Deferred {
  readonly meta: EntityMetadata;
  readonly property: PropertyMetadata;
  readonly rows: UpdateRow[];
  readonly entities: object[];
}

/**
 * Groups change sets into batches of one shape, in commit order:
 * 1. inserts, parent tables first, grouped by the set of columns they carry (a column left undefined is left
 *    out so its database default applies). A nullable foreign key to a row not inserted yet (same table, or a
 *    broken cycle) is inserted as NULL and set by
 * 2. one batched UPDATE per table and key once every row exists;
 * 3. updates, grouped by the set of changed columns;
 * 4. pivot rows: unlinks, then links;
 * 5. deletes, children first, after nulling nullable keys between rows deleted together (a self-reference).
 * Values that are keys not generated yet are `PendingKey`s, and their batches are listed in `pending`.
 */
export function planFlush(
  changeSets: readonly ChangeSet[],
  links: readonly LinkChange[],
  order: readonly EntityMetadata[],
  mappers: MapperRegistry,
): FlushPlan {
  const byMeta = new Map<EntityMetadata, ChangeSet[]>();
  for (const cs of changeSets) {
    let list = byMeta.get(cs.meta);
    if (!list) byMeta.set(cs.meta, (list = []));
    list.push(cs);
  }
  const position = new Map(order.map((meta, i) => [meta, i]));
  const notInserted = newTargetsOfLateKeys(changeSets, order, position);
  const deferred = new Map<PropertyMetadata, Deferred>();
  const pending = new Set<FlushBatch>();
  const pendingTargets = new Set<EntityMetadata>();
  const inserts: FlushBatch[] = [];
  const updates: FlushBatch[] = [];
  const deletes: FlushBatch[] = [];
  const nulling: FlushBatch[] = [];
  const removedKeys = removedKeysByMeta(changeSets);
  const markPending = (batch: FlushBatch, columns: readonly PropertyMetadata[], rows: readonly (readonly unknown[])[]) => {
    columns.forEach((column, c) => {
      if (column.relation && rows.some((row) => row[c] instanceof PendingKey)) {
        pending.add(batch);
        pendingTargets.add(column.relation.target);
      }
    });
  };
  for (const meta of order) {
    const sets = byMeta.get(meta);
    if (!sets) continue;
    const inserted = sets.filter((cs) => cs.type === 'insert');
    if (notInserted.size > 0) for (const cs of inserted) deferForeignKeys(cs, notInserted, deferred, mappers, pendingTargets);
    for (const batch of planInserts(meta, inserted)) {
      inserts.push(batch);
      if (meta.toOne.length > 0) markPending(batch, batch.columns, batch.rows);
    }
    for (const cs of inserted) notInserted.delete(cs.entity);
    for (const batch of planUpdates(meta, sets.filter((cs) => cs.type === 'update'), mappers)) {
      updates.push(batch);
      if (meta.toOne.length > 0) markPending(batch, batch.columns, batch.rows.map((row) => row.values));
    }
    const removed = sets.filter((cs) => cs.type === 'delete');
    if (removed.length > 0) {
      const { batch, cuts } = planDelete(meta, removed, mappers, removedKeys, position);
      deletes.unshift(batch);
      nulling.push(...cuts);
    }
  }
  const fixes = [...deferred.values()].map((d): UpdateBatch => ({ kind: 'update', meta: d.meta, columns: [d.property], rows: d.rows, entities: d.entities }));
  for (const batch of fixes) pending.add(batch);
  const pivots = planLinks(links, mappers, (batch, metas) => {
    pending.add(batch);
    for (const meta of metas) pendingTargets.add(meta);
  });
  return { batches: [...inserts, ...fixes, ...updates, ...pivots, ...nulling, ...deletes], pending, pendingTargets };
}

/**
 * A foreign key to an entity whose INSERT comes in this batch or a later one cannot be written yet: a nullable
 * one is inserted as NULL and deferred to an UPDATE; a required one cannot be ordered at all.
 */
function deferForeignKeys(
  cs: ChangeSet,
  notInserted: ReadonlySet<object>,
  deferred: Map<PropertyMetadata, Deferred>,
  mappers: MapperRegistry,
  pendingTargets: Set<EntityMetadata>,
): void {
  const values = cs.values as unknown[];
  for (const relation of cs.meta.toOne) {
    const property = relation.property as PropertyMetadata;
    if (values[property.index] == null) continue;
    const target = unwrapReference((cs.entity as Bag)[property.name]) as object;
    if (!notInserted.has(target)) continue;
    if (!property.nullable) throw CommitOrderError.requiredForeignKey(cs.meta.name, property.name, relation.target.name);
    let group = deferred.get(property);
    if (!group) deferred.set(property, (group = { meta: cs.meta, property, rows: [], entities: [] }));
    const mapper = mappers.get(cs.meta);
    const key = (cs.entity as Bag)[cs.meta.primaryKey.name];
    // The row's own key and the target's come from INSERTs of this flush.
    pendingTargets.add(cs.meta).add(relation.target);
    group.rows.push({
      key: key === undefined ? new PendingKey(cs.entity) : mapper.toDb(cs.meta.primaryKey, key),
      version: cs.meta.version ? INITIAL_VERSION : undefined,
      values: [values[property.index]],
    });
    group.entities.push(cs.entity);
    values[property.index] = null;
  }
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

/**
 * The new entities a foreign key may point at before their INSERT has run: those of a table that is not strictly
 * earlier in the commit order than a table referencing it (the same table, or a broken cycle). Usually none.
 */
function newTargetsOfLateKeys(changeSets: readonly ChangeSet[], order: readonly EntityMetadata[], position: ReadonlyMap<EntityMetadata, number>): Set<object> {
  const late = new Set<EntityMetadata>();
  for (const meta of order) {
    for (const relation of meta.toOne) if ((position.get(relation.target) ?? -1) >= (position.get(meta) as number)) late.add(relation.target);
  }
  const targets = new Set<object>();
  if (late.size > 0) for (const cs of changeSets) if (cs.type === 'insert' && late.has(cs.meta)) targets.add(cs.entity);
  return targets;
}

/** Keys (as text) of the rows each table loses in this flush. */
function removedKeysByMeta(changeSets: readonly ChangeSet[]): Map<EntityMetadata, Set<string>> {
  const keys = new Map<EntityMetadata, Set<string>>();
  for (const cs of changeSets) {
    if (cs.type !== 'delete') continue;
    let set = keys.get(cs.meta);
    if (!set) keys.set(cs.meta, (set = new Set()));
    set.add(String(cs.key));
  }
  return keys;
}

/**
 * The delete batch, and the UPDATE that first sets to NULL each nullable key pointing at a row deleted no later
 * than this one (the same table, or a cycle), so that no row is ever left pointing at a deleted one.
 */
function planDelete(
  meta: EntityMetadata,
  sets: readonly ChangeSet[],
  mappers: MapperRegistry,
  removedKeys: ReadonlyMap<EntityMetadata, ReadonlySet<string>>,
  position: ReadonlyMap<EntityMetadata, number>,
): { batch: DeleteBatch; cuts: UpdateBatch[] } {
  const mapper = mappers.get(meta);
  const pk = meta.primaryKey;
  const versions = meta.version ? sets.map((cs) => cs.expectedVersion as number) : undefined;
  const cutting = meta.toOne.filter((r) => r.nullable && (position.get(r.target) ?? -1) >= (position.get(meta) as number) && removedKeys.has(r.target));
  const cuts: UpdateBatch[] = [];
  for (const relation of cutting) {
    const rows: UpdateRow[] = [];
    const entities: object[] = [];
    sets.forEach((cs, i) => {
      const key = cs.snapshot?.[relation.name];
      if (key == null || !removedKeys.get(relation.target)?.has(String(key))) return;
      rows.push({ key: mapper.toDb(pk, cs.key), version: versions?.[i], values: [null] });
      entities.push(cs.entity);
      // The nulling UPDATE moves the version on; the DELETE must expect that.
      if (versions) versions[i]++;
    });
    if (rows.length > 0) cuts.push({ kind: 'update', meta, columns: [relation.property as PropertyMetadata], rows, entities });
  }
  const batch: DeleteBatch = { kind: 'delete', meta, keys: sets.map((cs) => mapper.toDb(pk, cs.key)), versions, entities: sets.map((cs) => cs.entity) };
  return { batch, cuts };
}

/** One batch per pivot table and direction; unlinks come first. A key not generated yet is reported through `pending`. */
function planLinks(links: readonly LinkChange[], mappers: MapperRegistry, pending: (batch: LinkBatch, targets: EntityMetadata[]) => void): LinkBatch[] {
  const groups = new Map<string, { batch: LinkBatch; rows: unknown[][]; targets: Set<EntityMetadata> }>();
  for (const change of links) {
    const { relation } = change;
    const pivot = relation.pivot as NonNullable<RelationMetadata['pivot']>;
    const id = `${change.kind}|${pivot.table}`;
    let group = groups.get(id);
    if (!group) {
      const rows: unknown[][] = [];
      groups.set(id, (group = { batch: { kind: change.kind, pivot, rows }, rows, targets: new Set() }));
    }
    const source = keyOf(change.source, relation.source, mappers);
    const target = keyOf(change.target, relation.target, mappers);
    if (source instanceof PendingKey) group.targets.add(relation.source);
    if (target instanceof PendingKey) group.targets.add(relation.target);
    group.rows.push([source, target]);
  }
  const batches = [...groups.values()].map((g) => {
    if (g.targets.size > 0) pending(g.batch, [...g.targets]);
    return g.batch;
  });
  return [...batches.filter((b) => b.kind === 'unlink'), ...batches.filter((b) => b.kind === 'link')];
}

function keyOf(entity: object, meta: EntityMetadata, mappers: MapperRegistry): unknown {
  const key = (entity as Bag)[meta.primaryKey.name];
  return key === undefined ? new PendingKey(entity) : mappers.get(meta).toDb(meta.primaryKey, key);
}

import { CommitOrderError } from '../errors/commit-order-error';
import { PendingKey } from '../mapper/foreign-key';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import { unwrapReference } from '../relations/reference';
import { INITIAL_VERSION, type ChangeSet, type DeleteChangeSet, type InsertChangeSet, type UpdateChangeSet } from './change-set';
import type { DeleteBatch, InsertBatch, LinkBatch, UpdateBatch, UpdateRow } from './flush-plan';
import type { LinkChange } from './link-change-computer';
import type { FlushPlan, PlannedBatch } from './planned-flush';

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
 * Values that are keys not generated yet are `PendingKey`s, and their batches are marked `pending`.
 * Change sets are read, never written: a row that must differ from its change set's values is a copy.
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
  const pendingTargets = new Set<EntityMetadata>();
  const inserts: PlannedBatch[] = [];
  const updates: PlannedBatch[] = [];
  const deletes: PlannedBatch[] = [];
  const nulling: PlannedBatch[] = [];
  const removedKeys = removedKeysByMeta(changeSets);
  /** Inserts whose row differs from their change set's values: a copy with deferred foreign keys set to NULL. */
  const nulled = new Map<InsertChangeSet, readonly unknown[]>();
  /** Whether a to-one column of `rows` holds a `PendingKey`; each such column's target is noted. */
  const hasPending = (columns: readonly PropertyMetadata[], rows: readonly (readonly unknown[])[]): boolean => {
    let pending = false;
    columns.forEach((column, c) => {
      if (column.relation && rows.some((row) => row[c] instanceof PendingKey)) {
        pending = true;
        pendingTargets.add(column.relation.target);
      }
    });
    return pending;
  };
  for (const meta of order) {
    const sets = byMeta.get(meta);
    if (!sets) continue;
    const inserted = sets.filter((cs): cs is InsertChangeSet => cs.type === 'insert');
    if (notInserted.size > 0) for (const cs of inserted) deferForeignKeys(cs, notInserted, deferred, mappers, pendingTargets, nulled);
    for (const planned of planInserts(meta, inserted, nulled)) {
      inserts.push(meta.toOne.length > 0 ? { ...planned, pending: hasPending(planned.batch.columns, planned.batch.rows) } : planned);
    }
    for (const cs of inserted) notInserted.delete(cs.entity);
    for (const planned of planUpdates(meta, sets.filter((cs): cs is UpdateChangeSet => cs.type === 'update'), mappers)) {
      const { columns, rows } = planned.batch;
      updates.push(meta.toOne.length > 0 ? { ...planned, pending: hasPending(columns, rows.map((row) => row.values)) } : planned);
    }
    const removed = sets.filter((cs): cs is DeleteChangeSet => cs.type === 'delete');
    if (removed.length > 0) {
      const { batch, cuts } = planDelete(meta, removed, mappers, removedKeys, position);
      deletes.unshift(batch);
      nulling.push(...cuts);
    }
  }
  const fixes = [...deferred.values()].map(
    (d): PlannedBatch => ({ batch: { kind: 'update', meta: d.meta, columns: [d.property], rows: d.rows }, entities: d.entities, pending: true, auxiliary: true }),
  );
  const pivots = planLinks(links, mappers, pendingTargets);
  return { batches: [...inserts, ...fixes, ...updates, ...pivots, ...nulling, ...deletes], pendingTargets };
}

/**
 * A foreign key to an entity whose INSERT comes in this batch or a later one cannot be written yet: a nullable
 * one is inserted as NULL and deferred to an UPDATE; a required one cannot be ordered at all. The row to insert
 * then is a copy of the change set's values (in `nulled`) with the deferred keys set to NULL.
 */
function deferForeignKeys(
  cs: InsertChangeSet,
  notInserted: ReadonlySet<object>,
  deferred: Map<PropertyMetadata, Deferred>,
  mappers: MapperRegistry,
  pendingTargets: Set<EntityMetadata>,
  nulled: Map<InsertChangeSet, readonly unknown[]>,
): void {
  const values = cs.values;
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
    let row = nulled.get(cs) as unknown[] | undefined;
    if (!row) nulled.set(cs, (row = values.slice()));
    row[property.index] = null;
  }
}

function planInserts(meta: EntityMetadata, sets: readonly InsertChangeSet[], nulled: ReadonlyMap<InsertChangeSet, readonly unknown[]>): PlannedBatch<InsertBatch>[] {
  const groups = new Map<string, { columns: PropertyMetadata[]; rows: (readonly unknown[])[]; entities: object[] }>();
  const width = meta.properties.length;
  for (const cs of sets) {
    const values = nulled.size > 0 ? (nulled.get(cs) ?? cs.values) : cs.values;
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
    batch: { kind: 'insert', meta, columns: g.columns, rows: g.rows, generatedKey: pk.generation === 'identity' && !g.columns.includes(pk) ? pk : undefined },
    entities: g.entities,
    pending: false,
  }));
}

function planUpdates(meta: EntityMetadata, sets: readonly UpdateChangeSet[], mappers: MapperRegistry): PlannedBatch<UpdateBatch>[] {
  const mapper = mappers.get(meta);
  const groups = new Map<string, { columns: PropertyMetadata[]; rows: UpdateRow[]; entities: object[] }>();
  for (const cs of sets) {
    const changed = cs.changed;
    const shape = changed.join(',');
    let group = groups.get(shape);
    if (!group) groups.set(shape, (group = { columns: changed.map((i) => meta.properties[i]), rows: [], entities: [] }));
    group.rows.push({
      key: mapper.toDb(meta.primaryKey, cs.key),
      version: cs.expectedVersion,
      values: cs.values.map((v) => (v === undefined ? null : v)),
    });
    group.entities.push(cs.entity);
  }
  return [...groups.values()].map((g) => ({ batch: { kind: 'update', meta, columns: g.columns, rows: g.rows }, entities: g.entities, pending: false }));
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
  sets: readonly DeleteChangeSet[],
  mappers: MapperRegistry,
  removedKeys: ReadonlyMap<EntityMetadata, ReadonlySet<string>>,
  position: ReadonlyMap<EntityMetadata, number>,
): { batch: PlannedBatch<DeleteBatch>; cuts: PlannedBatch<UpdateBatch>[] } {
  const mapper = mappers.get(meta);
  const pk = meta.primaryKey;
  const versions = meta.version ? sets.map((cs) => cs.expectedVersion as number) : undefined;
  const cutting = meta.toOne.filter((r) => r.nullable && (position.get(r.target) ?? -1) >= (position.get(meta) as number) && removedKeys.has(r.target));
  const cuts: PlannedBatch<UpdateBatch>[] = [];
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
    if (rows.length > 0) cuts.push({ batch: { kind: 'update', meta, columns: [relation.property as PropertyMetadata], rows }, entities, pending: false, auxiliary: true });
  }
  const batch: DeleteBatch = { kind: 'delete', meta, keys: sets.map((cs) => mapper.toDb(pk, cs.key)), versions };
  return { batch: { batch, entities: sets.map((cs) => cs.entity), pending: false }, cuts };
}

/** One batch per pivot table and direction; unlinks come first. The entities of keys not generated yet join `pendingTargets`. */
function planLinks(links: readonly LinkChange[], mappers: MapperRegistry, pendingTargets: Set<EntityMetadata>): PlannedBatch<LinkBatch>[] {
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
  const batches = [...groups.values()].map((g): PlannedBatch<LinkBatch> => {
    for (const meta of g.targets) pendingTargets.add(meta);
    return { batch: g.batch, entities: [], pending: g.targets.size > 0 };
  });
  return [...batches.filter((b) => b.batch.kind === 'unlink'), ...batches.filter((b) => b.batch.kind === 'link')];
}

function keyOf(entity: object, meta: EntityMetadata, mappers: MapperRegistry): unknown {
  const key = (entity as Bag)[meta.primaryKey.name];
  return key === undefined ? new PendingKey(entity) : mappers.get(meta).toDb(meta.primaryKey, key);
}

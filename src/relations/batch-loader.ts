import type { Row } from '../mapper/entity-mapper';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { relationSlot } from '../metadata/entity-link';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import type { SelectQueryNode } from '../query/nodes/select-query-node';
import { buildPivotLoad, buildSelectWhereIn, OWNER_KEY_ALIAS } from '../query/relation-query';
import { isCollection, type CollectionInternals } from './collection';
import { Reference, unwrapReference } from './reference';
import type { RelationLoader } from './relation-loader';

type Bag = Record<string | symbol, unknown>;

/** What loading needs from an EntityManager. */
export interface LoadHost {
  /** Runs a SELECT on the EntityManager's connection (its transaction, if one is open). */
  select(query: SelectQueryNode): Promise<Row[]>;
  /** The managed entity for a whole row: hydrated and tracked, or the tracked one (completed if it was a stub). */
  merge(meta: EntityMetadata, row: Row): object;
  isLoaded(entity: object): boolean;
  /** This Orm's metadata of a tracked entity. */
  metaOf(entity: object): EntityMetadata;
  keyToDb(meta: EntityMetadata, key: unknown): unknown;
  keyFromDb(meta: EntityMetadata, value: unknown): unknown;
  /** Most keys one `in (..)` list carries. */
  readonly chunkSize: number;
}

interface Pending {
  readonly run: (items: object[]) => Promise<unknown>;
  readonly items: Set<object>;
  readonly waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

let resolved: Promise<void> | undefined;

/** After the current tick's promise jobs (the way DataLoader batches): every load asked for meanwhile joins. */
function afterCurrentJobs(fn: () => void): void {
  (resolved ??= Promise.resolve()).then(() => process.nextTick(fn));
}

/**
 * Loads relations with one query per relation (chunked for long key lists), never one per entity. `populate`
 * calls `loadRelation` level by level; lazy loads (`collection.init()`, `reference.load()`) made in the same
 * tick are gathered per relation and loaded together, so `Promise.all(books.map((b) => b.publisher.load()))`
 * sends one query. Loading never overwrites what is in memory: tracked entities stay as they are, loaded
 * collections are not reloaded, and an unloaded collection keeps the items added and removed meanwhile.
 */
export class BatchLoader implements RelationLoader {
  private queue = new Map<unknown, Pending>();
  private scheduled = false;

  constructor(private readonly host: LoadHost) {}

  isLoaded(entity: object): boolean {
    return this.host.isLoaded(entity);
  }

  loadEntity(entity: object): Promise<void> {
    const meta = this.host.metaOf(entity);
    return this.enqueue(meta, entity, (entities) => this.loadEntities(meta, entities));
  }

  loadCollection(collection: CollectionInternals): Promise<void> {
    const relation = collection.relation;
    return this.enqueue(relation, collection.owner, (owners) => this.loadRelation(relation, owners));
  }

  /** Loads the given collections now, one query per relation. */
  async loadCollections(collections: readonly CollectionInternals[]): Promise<void> {
    const byRelation = new Map<RelationMetadata, object[]>();
    for (const collection of collections) {
      const owners = byRelation.get(collection.relation) ?? [];
      owners.push(collection.owner);
      byRelation.set(collection.relation, owners);
    }
    for (const [relation, owners] of byRelation) await this.loadRelation(relation, owners);
  }

  /** Loads `relation` for every entity of `owners` that lacks it; returns the related entities (loaded or not before). */
  async loadRelation(relation: RelationMetadata, owners: readonly object[]): Promise<object[]> {
    if (relation.property) return this.loadToOne(relation, owners);
    if (relation.kind === '1:1') return this.loadInverseOne(relation, owners);
    return this.loadToMany(relation, owners);
  }

  private async loadToOne(relation: RelationMetadata, owners: readonly object[]): Promise<object[]> {
    const targets = new Set<object>();
    // A one-to-one's target learns its owner too (its inverse side is this row's key).
    const back = relation.kind === '1:1' && relation.inverse !== undefined ? relation.target.relationsByName.get(relation.inverse) : undefined;
    const inverse = back ? relationSlot(back.name) : undefined;
    for (const owner of owners) {
      const target = unwrapReference((owner as Bag)[relation.name]);
      if (!target) continue;
      targets.add(target);
      if (inverse && (target as Bag)[inverse] === undefined) (target as Bag)[inverse] = back?.ref ? new Reference(owner, this) : owner;
    }
    await this.loadEntities(relation.target, [...targets]);
    return [...targets];
  }

  /** Completes stubs (and `fields`-loaded entities) with one `where pk in (..)` per chunk. */
  private async loadEntities(meta: EntityMetadata, entities: readonly object[]): Promise<void> {
    const pk = meta.primaryKey;
    const keys = entities.filter((e) => !this.host.isLoaded(e)).map((e) => this.host.keyToDb(meta, (e as Bag)[pk.name]));
    await this.selectIn(keys, (chunk) => buildSelectWhereIn(meta, pk, chunk), (row) => this.host.merge(meta, row));
  }

  /** The inverse side of a one-to-one: the rows whose foreign key points at the owners. */
  private async loadInverseOne(relation: RelationMetadata, owners: readonly object[]): Promise<object[]> {
    const slot = relationSlot(relation.name);
    const waiting = owners.filter((o) => (o as Bag)[slot] === undefined);
    const column = relation.target.relationsByName.get(relation.inverse as string)?.property as PropertyMetadata;
    const found = new Set<object>();
    await this.selectIn(this.keysOf(relation.source, waiting), (chunk) => buildSelectWhereIn(relation.target, column, chunk), (row) => {
      const target = this.host.merge(relation.target, row);
      const owner = unwrapReference((target as Bag)[column.name]);
      if (owner && (owner as Bag)[slot] === undefined) (owner as Bag)[slot] = relation.ref ? new Reference(target, this) : target;
      found.add(target);
    });
    for (const owner of waiting) if ((owner as Bag)[slot] === undefined) (owner as Bag)[slot] = null;
    for (const owner of owners) {
      const target = unwrapReference((owner as Bag)[slot]);
      if (target) found.add(target);
    }
    return [...found];
  }

  private async loadToMany(relation: RelationMetadata, owners: readonly object[]): Promise<object[]> {
    const unloaded = owners.filter((o) => {
      const collection = (o as Bag)[relation.name];
      return isCollection(collection) && !collection.initialized;
    });
    const items = new Map<object, object[]>(unloaded.map((o) => [o, []]));
    if (relation.kind === 'm:n') {
      const byKey = new Map(unloaded.map((o) => [(o as Bag)[relation.source.primaryKey.name], o]));
      await this.selectIn(this.keysOf(relation.source, unloaded), (chunk) => buildPivotLoad(relation, chunk), (row) => {
        const target = this.host.merge(relation.target, row);
        const owner = byKey.get(this.host.keyFromDb(relation.source, row[OWNER_KEY_ALIAS]));
        if (owner) items.get(owner)?.push(target);
      });
    } else {
      const column = relation.target.relationsByName.get(relation.inverse as string)?.property as PropertyMetadata;
      await this.selectIn(this.keysOf(relation.source, unloaded), (chunk) => buildSelectWhereIn(relation.target, column, chunk), (row) => {
        const child = this.host.merge(relation.target, row);
        // An unflushed move to another parent wins over the row.
        const owner = unwrapReference((child as Bag)[column.name]);
        if (owner) items.get(owner)?.push(child);
      });
    }
    for (const [owner, loaded] of items) ((owner as Bag)[relation.name] as CollectionInternals).hydrate(loaded);
    const related = new Set<object>();
    for (const owner of owners) {
      const collection = (owner as Bag)[relation.name];
      if (isCollection(collection) && collection.initialized) for (const item of collection.known) related.add(item);
    }
    return [...related];
  }

  private keysOf(meta: EntityMetadata, entities: readonly object[]): unknown[] {
    const pk = meta.primaryKey;
    const keys: unknown[] = [];
    for (const entity of entities) {
      const key = (entity as Bag)[pk.name];
      if (key !== undefined) keys.push(this.host.keyToDb(meta, key));
    }
    return keys;
  }

  private async selectIn(keys: readonly unknown[], build: (chunk: readonly unknown[]) => SelectQueryNode, each: (row: Row) => void): Promise<void> {
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += this.host.chunkSize) {
      const rows = await this.host.select(build(unique.slice(start, start + this.host.chunkSize)));
      for (const row of rows) each(row);
    }
  }

  private enqueue(group: unknown, item: object, run: (items: object[]) => Promise<unknown>): Promise<void> {
    let pending = this.queue.get(group);
    if (!pending) this.queue.set(group, (pending = { run, items: new Set(), waiters: [] }));
    pending.items.add(item);
    const done = new Promise<void>((resolve, reject) => pending.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      afterCurrentJobs(() => void this.dispatch());
    }
    return done;
  }

  private async dispatch(): Promise<void> {
    const queue = this.queue;
    this.queue = new Map();
    this.scheduled = false;
    for (const pending of queue.values()) {
      try {
        await pending.run([...pending.items]);
        for (const waiter of pending.waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of pending.waiters) waiter.reject(error);
      }
    }
  }
}

import { randomUUID } from 'node:crypto';
import { CommitOutcomeUnknownError } from '../errors/driver-error';
import { UsageError } from '../errors/usage-error';
import { ValidationError } from '../errors/validation-error';
import type { EntityMapper, Hydrator, Row } from '../mapper/entity-mapper';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { MetadataStorage } from '../metadata/metadata-storage';
import { isCollection, type CollectionInternals } from '../relations/collection';
import { adoptFieldValues } from '../relations/relation-accessors';
import type { EntityLoader, LoadSession } from '../relations/entity-loader';
import type { CommitRecord } from '../events/commit-record';
import type { EventBus } from '../events/event-bus';
import type { LifecycleEvents } from '../events/lifecycle-events';
import { cascade } from './cascade';
import { INITIAL_VERSION, type ChangeSet } from './change-set';
import { computeChangeSets } from './change-set-computer';
import { commitOrder, type CommitOrderEdge } from './commit-order';
import { planFlush } from './flush-planner';
import { recordBatch } from './flush-record';
import { runFlushPlan, type BatchExecutor, type BatchObserver } from './flush-runner';
import { IdentityMap, newEntry } from './identity-map';
import { computeLinkChanges, type LinkChange } from './link-change-computer';
import type { EntityLifecycle, FlushSteps } from './entity-lifecycle';
import type { UpdateBatch } from './flush-plan';
import type { FlushOutcome, FlushPlan } from './planned-flush';

type Bag = Record<string, unknown>;

/** @internal The lifecycle events as the unit of work raises them; the session is the flushing EntityManager. */
export type UnitOfWorkEvents = LifecycleEvents<object, ChangeSet>;

/** A flush prepared by `prepareFlush`, to be written and then applied (or abandoned). */
export interface PreparedFlush {
  readonly session: object;
  readonly changeSets: readonly ChangeSet[];
  readonly links: readonly LinkChange[];
  readonly plan: FlushPlan;
  /** The hooks and validation of this flush, when there are any. */
  readonly steps: FlushSteps | undefined;
}

/** The transaction a flush is written in, as the unit of work sees it. */
export interface FlushTransaction {
  /** Its commit record, while someone listens for commit events. */
  readonly record: CommitRecord | undefined;
  readonly transactionId: string;
  /** A session whose statements run in this transaction (made only when `afterFlush` has listeners). */
  readonly session: () => object;
}

/** Builds the loader of a unit of work: how its rows resolve relations and where its loads run. */
export type LoaderFactory = (uow: UnitOfWork) => EntityLoader;

/**
 * Knows the new, managed and removed entities of one EntityManager and turns them into one flush.
 * It orchestrates and computes nothing itself: change sets, commit order, planning and the identity map
 * each live in their own file.
 */
export class UnitOfWork implements LoadSession {
  /** Where this unit of work's loads run; rows hydrated here get their stubs and collections from it. */
  readonly loader: EntityLoader;
  /** Entities written by a flush or transaction whose commit outcome is unknown: never flushed again here. */
  private unknownOutcome: Set<object> | undefined;
  /** Runs `afterLoad` hooks; undefined when no entity has one (the load path then pays nothing). */
  private readonly afterLoad: EntityLifecycle['afterLoad'];
  /** The EntityManager this unit of work belongs to (its first), which `afterLoad` hooks are given. */
  session: object | undefined;

  constructor(
    private readonly metadata: MetadataStorage,
    private readonly mappers: MapperRegistry,
    loader: LoaderFactory,
    private readonly events?: EventBus<UnitOfWorkEvents>,
    private readonly lifecycle?: EntityLifecycle,
    private map: IdentityMap = new IdentityMap(),
  ) {
    this.loader = loader(this);
    this.afterLoad = lifecycle?.afterLoad;
  }

  get identityMap(): IdentityMap {
    return this.map;
  }

  /** Schedules a new entity for insert (a removed one is kept instead). Generates a uuid key at once. */
  persist(entity: object): void {
    const meta = this.metaOf(entity, 'persist');
    const entry = this.map.entryOf(entity);
    if (entry) {
      if (entry.state === 'removed') {
        entry.state = 'managed';
        entry.hard = undefined;
      }
      return;
    }
    const pk = meta.primaryKey;
    let key = (entity as Bag)[pk.name];
    if (key === undefined && pk.generation === 'uuid') (entity as Bag)[pk.name] = key = randomUUID();
    if (meta.relations.length > 0) adoptFieldValues(entity, meta);
    this.map.track(entity, newEntry(meta, 'new', key, undefined, false));
  }

  /**
   * The managed entity with this key: the one in the identity map, or a stub holding only its key (and unloaded
   * collections) that a later load completes.
   */
  reference<T extends object>(meta: EntityMetadata<T>, key: unknown): T {
    const existing = this.map.get(meta, key);
    if (existing) return existing;
    const mapper = this.mappers.get(meta);
    const pk = meta.primaryKey;
    const stub = mapper.hydratorFor([pk])({ [pk.column]: mapper.toDb(pk, key) }, this.loader);
    this.map.track(stub, newEntry(meta, 'managed', key, mapper.snapshot(stub), true));
    return stub;
  }

  /** Whether an entity was loaded whole (not a stub, not loaded with `fields`). */
  isLoaded(entity: object): boolean {
    const entry = this.map.entryOf(entity);
    return !entry || !entry.partial;
  }

  /**
   * Schedules a managed entity for delete (`hard`: even if its class soft-deletes, which the change sets decide);
   * a new one is simply forgotten.
   */
  remove(entity: object, hard = false): void {
    const meta = this.metaOf(entity, 'remove');
    const entry = this.map.entryOf(entity);
    if (!entry) throw ValidationError.notManaged(meta.class, 'remove');
    if (entry.state === 'new') this.map.detach(entity);
    else {
      entry.state = 'removed';
      entry.hard = hard || undefined;
    }
  }

  /**
   * The load path: the managed instance for a row, hydrated and tracked on first sight. An instance already in
   * the identity map is returned as it is, so unflushed changes are never overwritten.
   */
  merge<T extends object>(mapper: EntityMapper<T>, row: Row, hydrate: Hydrator<T>, partial: boolean, prefix = ''): T {
    const meta = mapper.meta;
    const key = mapper.keyFromDb(row[prefix + meta.primaryKey.column]);
    const existing = this.map.get(meta, key);
    if (existing) {
      if (!partial) this.completePartial(existing, mapper, row, prefix);
      return existing;
    }
    const entity = hydrate(row, this.loader);
    this.map.track(entity, newEntry(meta, 'managed', key, mapper.snapshot(entity), partial));
    // A partial entity (a `fields` load) runs its hooks once a later load completes it.
    if (this.afterLoad && !partial) this.afterLoad(entity, meta, this.session);
    return entity;
  }

  /**
   * The load path of a locked read: as `merge`, but an instance already in the identity map takes the row's
   * values for every property not changed since it was loaded, since under the lock the row is the current
   * truth (a stale value would turn a read-modify-write into a lost update). Changed properties keep the change.
   */
  mergeLocked<T extends object>(mapper: EntityMapper<T>, row: Row, hydrate: Hydrator<T>): T {
    const key = mapper.keyFromDb(row[mapper.meta.primaryKey.column]);
    const existing = this.map.get(mapper.meta, key);
    const entry = existing && this.map.entryOf(existing);
    if (!existing || !entry?.snapshot || entry.partial || entry.state !== 'managed') return this.merge(mapper, row, hydrate, false);
    const changed = new Set(mapper.diff(entry.snapshot, existing) ?? []);
    const fresh = hydrate(row, this.loader);
    const freshSnapshot = mapper.snapshot(fresh);
    mapper.meta.properties.forEach((p, i) => {
      if (changed.has(i)) return;
      (existing as Bag)[p.name] = (fresh as Bag)[p.name];
      entry.snapshot![p.name] = freshSnapshot[p.name];
    });
    return existing;
  }

  /**
   * The first step of a flush, before any transaction: `beforeFlush` (listeners may still change and persist
   * entities), then the change sets (`compute`: cascades, entity hooks), `onFlush` (what its listeners change is
   * computed again, hooks included), validation, the order of tables by foreign key and the plan of batches.
   * Undefined when there is nothing to write.
   */
  async prepareFlush(session: object): Promise<PreparedFlush | undefined> {
    const events = this.events;
    if (events?.has('beforeFlush')) await events.emit('beforeFlush', { session });
    const steps = this.lifecycle?.startFlush(session);
    let { changeSets, links } = await this.compute(steps);
    if ((changeSets.length > 0 || links.length > 0) && events?.has('onFlush')) {
      await events.emit('onFlush', { session, changeSets });
      // Listeners may have changed, persisted or removed entities (nothing tells which): compute again.
      ({ changeSets, links } = await this.compute(steps));
    }
    if (changeSets.length === 0 && links.length === 0) {
      this.settleCollections();
      return undefined;
    }
    if (this.unknownOutcome) this.refuseUnknownOutcome(changeSets, links);
    if (steps) await steps.validate(changeSets);
    const metas = [...new Set(changeSets.map((cs) => cs.meta))];
    const { order } = commitOrder(metas, foreignKeyEdges(metas), (meta) => meta.name);
    return { session, changeSets, links, plan: planFlush(changeSets, links, order, this.mappers), steps };
  }

  /**
   * Cascades along relations, runs the before-write hooks, and computes change sets and pivot-row changes. Hooks
   * may change entities, persist or remove others: while any ran, cascade and hooks go again (an entity they
   * persisted or changed gets its own hooks), so that the change sets, computed once at the end, hold it all.
   */
  private async compute(steps: FlushSteps | undefined): Promise<{ changeSets: ChangeSet[]; links: LinkChange[] }> {
    // Without a tracked entity that has relations (however many others there are), the passes over relations go.
    do {
      if (this.map.holdsRelated) await cascade(this);
    } while (steps && (await steps.before(this.map)));
    return { changeSets: computeChangeSets(this.map, this.mappers), links: this.map.holdsRelated ? computeLinkChanges(this.map) : [] };
  }

  /**
   * The second step, inside the flush's transaction: sends the plan's batches through `execute`, notes them in
   * the transaction's commit `record` (when someone listens for it), then `afterFlush` with `session()`, a
   * session whose statements run in that transaction. Writes nothing to entities: the outcome is applied only
   * once the transaction is known to hold it.
   */
  async writeFlush(flush: PreparedFlush, execute: BatchExecutor, tx: FlushTransaction): Promise<FlushOutcome> {
    const { record } = tx;
    const observe: BatchObserver | undefined = record && ((planned, sent, keys) => recordBatch(record, planned, sent, keys, this.mappers));
    const outcome = await runFlushPlan(flush.plan, execute, this.mappers, (e) => this.map.entryOf(e)?.meta, observe);
    if (this.events?.has('afterFlush')) {
      const event = { session: tx.session(), changeSets: flush.changeSets, keys: this.keysOf(flush, outcome), transactionId: tx.transactionId };
      await this.events.emit('afterFlush', event);
    }
    return outcome;
  }

  /** Each change set's primary key, the keys the database generated for this flush's inserts included. */
  private keysOf(flush: PreparedFlush, outcome: FlushOutcome): unknown[] {
    const generated = new Map<object, unknown>();
    for (const [planned, keys] of outcome.generatedKeys) {
      const mapper = this.mappers.get((planned.batch as { meta: EntityMetadata }).meta);
      planned.entities.forEach((entity, i) => generated.set(entity, mapper.keyFromDb(keys[i])));
    }
    return flush.changeSets.map((cs) => (cs.type === 'insert' ? (generated.get(cs.entity) ?? (cs.entity as Bag)[cs.meta.primaryKey.name]) : cs.key));
  }

  /**
   * The last step, once the write succeeded: generated keys and versions onto entities, snapshots, collections;
   * then the after-write hooks, which find the entities as the database now holds them.
   */
  async applyFlush(flush: PreparedFlush, outcome: FlushOutcome): Promise<void> {
    this.applySoftDeletes(flush.changeSets);
    this.apply(flush.plan, outcome);
    this.settleCollections();
    if (flush.steps) await flush.steps.after(flush.changeSets);
  }

  /**
   * A prepared flush whose write failed: nothing is applied, so entities keep their pending state. When the
   * commit's outcome is unknown the database may hold it all the same, and a second flush could double it.
   */
  abandonFlush(flush: PreparedFlush, error: unknown): void {
    if (error instanceof CommitOutcomeUnknownError) this.markUnknownOutcome([...flush.changeSets.map((cs) => cs.entity), ...flush.links.map((l) => l.source)]);
  }

  /** Loads unloaded collections (through the EntityManager's loader) so a cascade can see their items. */
  loadCollections(collections: readonly CollectionInternals[]): Promise<void> {
    return this.loader.loadCollections(collections);
  }

  /**
   * A unit of work for a transaction over a copy of this one's state, to be adopted if the transaction commits;
   * `loader` builds the loader that runs its loads on the transaction.
   */
  transactionChild(loader: LoaderFactory): UnitOfWork {
    const child = new UnitOfWork(this.metadata, this.mappers, loader, this.events, this.lifecycle, this.map.clone());
    if (this.unknownOutcome) child.unknownOutcome = new Set(this.unknownOutcome);
    return child;
  }

  /**
   * Takes over the state of a transaction's unit of work once the transaction committed, keeping what this
   * unit of work loaded meanwhile (outside the transaction) unless the transaction knows that key already.
   */
  adopt(other: UnitOfWork): void {
    other.map.adoptLoadedSince(this.map);
    this.map = other.map;
    this.unknownOutcome = other.unknownOutcome;
  }

  /**
   * The transaction `child` ran may or may not have committed: every entity it wrote, or first met, is refused by
   * later flushes here (this unit of work still holds their state from before the transaction).
   */
  adoptUnknownOutcome(child: UnitOfWork): void {
    const touched: object[] = [];
    for (const [entity, entry] of child.map.all()) {
      const before = this.map.entryOf(entity);
      if (!before || before.snapshot !== entry.snapshot || before.state !== entry.state) touched.push(entity);
    }
    for (const [entity] of this.map.all()) if (!child.map.entryOf(entity)) touched.push(entity);
    this.markUnknownOutcome(touched);
  }

  clear(): void {
    this.map.clear();
    this.unknownOutcome = undefined;
  }

  private markUnknownOutcome(entities: readonly object[]): void {
    this.unknownOutcome ??= new Set();
    for (const entity of entities) this.unknownOutcome.add(entity);
  }

  private refuseUnknownOutcome(changeSets: readonly ChangeSet[], links: readonly LinkChange[]): void {
    const unknown = this.unknownOutcome!;
    for (const { entity, meta } of changeSets) if (unknown.has(entity)) throw UsageError.flushAfterUnknownCommit(meta.name);
    for (const { source } of links) if (unknown.has(source)) throw UsageError.flushAfterUnknownCommit(this.metaOf(source, 'flush').name);
  }

  private apply(plan: FlushPlan, outcome: FlushOutcome): void {
    for (const planned of plan.batches) {
      const { batch, entities } = planned;
      // Pivot rows change nothing on entities.
      if ('pivot' in batch) continue;
      const meta = batch.meta;
      const mapper = this.mappers.get(meta);
      const version = meta.version;
      if (batch.kind === 'delete') {
        for (const entity of entities) this.map.detach(entity);
        continue;
      }
      const keys = batch.kind === 'insert' ? outcome.generatedKeys.get(planned) : undefined;
      entities.forEach((entity, i) => {
        const bag = entity as Bag;
        const entry = this.map.entryOf(entity);
        if (!entry) return;
        if (batch.kind === 'insert') {
          if (batch.generatedKey) bag[batch.generatedKey.name] = mapper.keyFromDb(keys?.[i]);
          if (version && bag[version.name] === undefined) bag[version.name] = INITIAL_VERSION;
          entry.key = bag[meta.primaryKey.name];
          entry.state = 'managed';
          this.map.index(meta, entry.key, entity);
        } else if (version) {
          bag[version.name] = ((batch as UpdateBatch).rows[i].version ?? INITIAL_VERSION) + 1;
        }
        entry.snapshot = mapper.snapshot(entity);
      });
    }
  }

  /** A soft-deleted entity holds the time written and stays managed (its row is still there). */
  private applySoftDeletes(changeSets: readonly ChangeSet[]): void {
    for (const cs of changeSets) {
      if (cs.type !== 'update' || cs.softDeleted === undefined) continue;
      const entry = this.map.entryOf(cs.entity);
      if (!entry) continue;
      (cs.entity as Bag)[(cs.meta.softDelete as { name: string }).name] = cs.softDeleted;
      entry.state = 'managed';
      entry.hard = undefined;
    }
  }

  /** What the collections hold now is what the database holds: forget their added and removed items. */
  private settleCollections(): void {
    if (!this.map.holdsRelated) return;
    for (const [entity, entry] of this.map.all()) {
      for (const relation of entry.meta.toMany) {
        const collection = (entity as Bag)[relation.name];
        if (isCollection(collection) && (collection.added.size > 0 || collection.removed.size > 0)) collection.commit();
      }
    }
  }

  private completePartial<T extends object>(entity: T, mapper: EntityMapper<T>, row: Row, prefix: string): void {
    const entry = this.map.entryOf(entity);
    if (!entry?.partial || !entry.snapshot) return;
    const hydrated = mapper.hydratorFor(mapper.meta.properties, prefix)(row, this.loader);
    const fresh = hydrated as Bag;
    const freshSnapshot = mapper.snapshot(hydrated);
    for (const p of mapper.meta.properties) {
      if (entry.snapshot[p.name] !== undefined || (entity as Bag)[p.name] !== undefined) continue;
      (entity as Bag)[p.name] = fresh[p.name];
      entry.snapshot[p.name] = freshSnapshot[p.name];
    }
    // A stub was hydrated with unloaded collections already; a `fields` load was too.
    entry.partial = false;
    if (this.afterLoad) this.afterLoad(entity, mapper.meta, this.session);
  }

  metaOf(entity: object, operation: string): EntityMetadata {
    const meta = entity && typeof entity === 'object' ? this.metadata.ofInstance(entity) : undefined;
    if (!meta) throw ValidationError.notAnEntityInstance(entity, operation);
    return meta;
  }
}

/** A parent table is written before its children; a nullable key is an edge a cycle may break. */
function foreignKeyEdges(metas: readonly EntityMetadata[]): CommitOrderEdge<EntityMetadata>[] {
  return metas.flatMap((meta) => meta.toOne.map((r) => ({ from: r.target, to: meta, optional: r.nullable })));
}

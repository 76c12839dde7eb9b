import { randomUUID } from 'node:crypto';
import { ValidationError } from '../errors/validation-error';
import type { EntityMapper, Row } from '../mapper/entity-mapper';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { MetadataStorage } from '../metadata/metadata-storage';
import { computeChangeSets } from './change-set-computer';
import { commitOrder } from './commit-order';
import type { FlushOutcome, FlushPlan } from './flush-plan';
import { INITIAL_VERSION, planFlush } from './flush-planner';
import { IdentityMap } from './identity-map';

type Bag = Record<string, unknown>;

/**
 * Knows the new, managed and removed entities of one EntityManager and turns them into one flush.
 * It orchestrates and computes nothing itself: change sets, commit order, planning and the identity map
 * each live in their own file.
 */
export class UnitOfWork {
  constructor(
    private readonly metadata: MetadataStorage,
    private readonly mappers: MapperRegistry,
    private map: IdentityMap = new IdentityMap(),
  ) {}

  get identityMap(): IdentityMap {
    return this.map;
  }

  /** Schedules a new entity for insert (a removed one is kept instead). Generates a uuid key at once. */
  persist(entity: object): void {
    const meta = this.metaOf(entity, 'persist');
    const entry = this.map.entryOf(entity);
    if (entry) {
      if (entry.state === 'removed') entry.state = 'managed';
      return;
    }
    const pk = meta.primaryKey;
    let key = (entity as Bag)[pk.name];
    if (key === undefined && pk.generation === 'uuid') (entity as Bag)[pk.name] = key = randomUUID();
    this.map.track(entity, { meta, state: 'new', key, snapshot: undefined, partial: false });
  }

  /** Schedules a managed entity for delete; a new one is simply forgotten. */
  remove(entity: object): void {
    const meta = this.metaOf(entity, 'remove');
    const entry = this.map.entryOf(entity);
    if (!entry) throw ValidationError.notManaged(meta.class, 'remove');
    if (entry.state === 'new') this.map.detach(entity);
    else entry.state = 'removed';
  }

  /**
   * The load path: the managed instance for a row, hydrated and tracked on first sight. An instance already in
   * the identity map is returned as it is, so unflushed changes are never overwritten.
   */
  merge<T extends object>(mapper: EntityMapper<T>, row: Row, hydrate: (row: Row) => T, partial: boolean): T {
    const meta = mapper.meta;
    const key = mapper.keyFromDb(row[meta.primaryKey.column]);
    const existing = this.map.get(meta, key);
    if (existing) {
      if (!partial) this.completePartial(existing, mapper, row);
      return existing;
    }
    const entity = hydrate(row);
    this.map.track(entity, { meta, state: 'managed', key, snapshot: mapper.snapshot(entity), partial });
    return entity;
  }

  /**
   * Flushes: compute change sets, order them, plan batches, hand the plan to `execute` (which runs it in a
   * transaction), then apply generated keys and versions and refresh snapshots. Nothing is applied when
   * `execute` throws, so entities keep their pending state. No change, no call.
   */
  async commit(execute: (plan: FlushPlan) => Promise<FlushOutcome>): Promise<void> {
    const changeSets = computeChangeSets(this.map, this.mappers);
    if (changeSets.length === 0) return;
    const metas = [...new Set(changeSets.map((cs) => cs.meta))];
    // Foreign-key edges arrive with relations (issue #3); without them every order is valid.
    const { order } = commitOrder(metas, [], (meta) => meta.name);
    const plan = planFlush(changeSets, order, this.mappers);
    const outcome = await execute(plan);
    this.apply(plan, outcome);
  }

  /** Takes over the state of a transaction's unit of work once the transaction committed. */
  adopt(other: UnitOfWork): void {
    this.map = other.map;
  }

  clear(): void {
    this.map.clear();
  }

  private apply(plan: FlushPlan, outcome: FlushOutcome): void {
    for (const batch of plan.batches) {
      const meta = batch.meta;
      const mapper = this.mappers.get(meta);
      const version = meta.version;
      if (batch.kind === 'delete') {
        for (const entity of batch.entities) this.map.detach(entity);
        continue;
      }
      const keys = batch.kind === 'insert' ? outcome.generatedKeys.get(batch) : undefined;
      batch.entities.forEach((entity, i) => {
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
          bag[version.name] = (batch.rows[i].version ?? INITIAL_VERSION) + 1;
        }
        entry.snapshot = mapper.snapshot(entity);
      });
    }
  }

  private completePartial<T extends object>(entity: T, mapper: EntityMapper<T>, row: Row): void {
    const entry = this.map.entryOf(entity);
    if (!entry?.partial || !entry.snapshot) return;
    const hydrated = mapper.hydrate(row);
    const fresh = hydrated as Bag;
    const freshSnapshot = mapper.snapshot(hydrated);
    for (const p of mapper.meta.properties) {
      if (entry.snapshot[p.name] !== undefined || (entity as Bag)[p.name] !== undefined) continue;
      (entity as Bag)[p.name] = fresh[p.name];
      entry.snapshot[p.name] = freshSnapshot[p.name];
    }
    entry.partial = false;
  }

  private metaOf(entity: object, operation: string): EntityMetadata {
    const meta = entity && typeof entity === 'object' ? this.metadata.ofInstance(entity) : undefined;
    if (!meta) throw ValidationError.notAnEntityInstance(entity, operation);
    return meta;
  }
}

import { PendingKey } from '../mapper/foreign-key';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { FlushBatch, UpdateRow } from './flush-plan';
import type { FlushOutcome, FlushPlan, PlannedBatch } from './planned-flush';

/** Runs one batch on the flush's connection; an insert with a generated key returns the keys (driver form). */
export type BatchExecutor = (batch: FlushBatch) => Promise<unknown[] | undefined>;

/** Told of each batch once it ran, or failed (then without keys), as it was sent. */
export type BatchObserver = (planned: PlannedBatch, sent: FlushBatch, keys: unknown[] | undefined) => void;

type Resolve = (value: unknown) => unknown;

/**
 * Sends a plan's batches in order. A batch that holds `PendingKey`s is sent as a copy whose rows carry the keys
 * their entities got from an earlier batch's INSERT: the plan itself is never written to (a failed flush leaves it
 * as planned), and nothing is written to entities here either, since the unit of work applies keys only once the
 * whole flush succeeded.
 */
export async function runFlushPlan(
  plan: FlushPlan,
  execute: BatchExecutor,
  mappers: MapperRegistry,
  metaOf: (entity: object) => EntityMetadata | undefined,
  observe?: BatchObserver,
): Promise<FlushOutcome> {
  const generatedKeys = new Map<PlannedBatch, unknown[]>();
  const keysOf = new Map<object, unknown>();
  const resolve: Resolve = (value) => {
    if (!(value instanceof PendingKey)) return value;
    const meta = metaOf(value.target) as EntityMetadata;
    const pk = meta.primaryKey;
    const key = (value.target as Record<string, unknown>)[pk.name] ?? keysOf.get(value.target);
    return mappers.get(meta).toDb(pk, key);
  };
  for (const planned of plan.batches) {
    const { batch } = planned;
    const sent = planned.pending ? resolvedBatch(batch, resolve) : batch;
    let keys: unknown[] | undefined;
    try {
      keys = await execute(sent);
    } finally {
      observe?.(planned, sent, keys);
    }
    if (batch.kind === 'insert' && batch.generatedKey && keys) {
      generatedKeys.set(planned, keys);
      if (plan.pendingTargets.has(batch.meta)) {
        const mapper = mappers.get(batch.meta);
        planned.entities.forEach((entity, i) => keysOf.set(entity, mapper.keyFromDb(keys[i])));
      }
    }
  }
  return { generatedKeys };
}

/** The batch with every `PendingKey` replaced; rows without one are shared with the planned batch. */
function resolvedBatch(batch: FlushBatch, resolve: Resolve): FlushBatch {
  switch (batch.kind) {
    case 'update':
      return { ...batch, rows: batch.rows.map((row) => resolvedUpdateRow(row, resolve)) };
    case 'insert':
    case 'link':
    case 'unlink':
      return { ...batch, rows: batch.rows.map((row) => resolvedValues(row, resolve)) };
    case 'delete':
      return batch;
  }
}

function resolvedUpdateRow(row: UpdateRow, resolve: Resolve): UpdateRow {
  const values = resolvedValues(row.values, resolve);
  return row.key instanceof PendingKey || values !== row.values ? { key: resolve(row.key), version: row.version, values } : row;
}

function resolvedValues(values: readonly unknown[], resolve: Resolve): readonly unknown[] {
  return values.some((value) => value instanceof PendingKey) ? values.map(resolve) : values;
}

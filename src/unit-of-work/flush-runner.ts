import { PendingKey } from '../mapper/foreign-key';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { FlushBatch, FlushOutcome, FlushPlan, InsertBatch } from './flush-plan';

/** Runs one batch on the flush's connection; an insert with a generated key returns the keys (driver form). */
export type BatchExecutor = (batch: FlushBatch) => Promise<unknown[] | undefined>;


/**
 * Sends a plan's batches in order. Before a batch that holds `PendingKey`s runs, each is replaced by the key its
 * entity got from an earlier batch's INSERT (nothing is written to entities here: the unit of work applies keys
 * only once the whole flush succeeded).
 */
export async function runFlushPlan(
  plan: FlushPlan,
  execute: BatchExecutor,
  mappers: MapperRegistry,
  metaOf: (entity: object) => EntityMetadata | undefined,
): Promise<FlushOutcome> {
  const generatedKeys = new Map<InsertBatch, unknown[]>();
  const keysOf = new Map<object, unknown>();
  const resolve = (value: unknown): unknown => {
    if (!(value instanceof PendingKey)) return value;
    const meta = metaOf(value.target) as EntityMetadata;
    const pk = meta.primaryKey;
    const key = (value.target as Record<string, unknown>)[pk.name] ?? keysOf.get(value.target);
    return mappers.get(meta).toDb(pk, key);
  };
  for (const batch of plan.batches) {
    if (plan.pending.has(batch)) resolveBatch(batch, resolve);
    const keys = await execute(batch);
    if (batch.kind === 'insert' && batch.generatedKey && keys) {
      generatedKeys.set(batch, keys);
      if (plan.pendingTargets.has(batch.meta)) {
        const mapper = mappers.get(batch.meta);
        batch.entities.forEach((entity, i) => keysOf.set(entity, mapper.keyFromDb(keys[i])));
      }
    }
  }
  return { generatedKeys };
}

function resolveBatch(batch: FlushBatch, resolve: (value: unknown) => unknown): void {
  if (batch.kind === 'update') {
    for (const row of batch.rows) {
      (row as { key: unknown }).key = resolve(row.key);
      resolveValues(row.values, resolve);
    }
  } else if (batch.kind === 'insert' || batch.kind === 'link' || batch.kind === 'unlink') {
    for (const row of batch.rows) resolveValues(row, resolve);
  }
}

function resolveValues(values: readonly unknown[], resolve: (value: unknown) => unknown): void {
  const row = values as unknown[];
  for (let i = 0; i < row.length; i++) if (row[i] instanceof PendingKey) row[i] = resolve(row[i]);
}

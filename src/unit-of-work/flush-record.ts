import type { CommitRecord } from '../events/commit-record';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { FlushBatch } from './flush-plan';
import type { PlannedBatch } from './planned-flush';

type Bag = Record<string, unknown>;

/**
 * Notes one batch of a flush in its transaction's commit record, once it ran (or failed: then it was attempted,
 * and a key the database was to generate is undefined). `sent` is the batch as sent, its pending keys resolved.
 */
export function recordBatch(record: CommitRecord, planned: PlannedBatch, sent: FlushBatch, keys: readonly unknown[] | undefined, mappers: MapperRegistry): void {
  if ('pivot' in sent) {
    const table = sent.pivot.table;
    for (const row of sent.rows) {
      if (sent.kind === 'link') record.insert(table, row);
      else record.delete(table, row);
    }
    return;
  }
  if (planned.auxiliary) return;
  const { meta } = sent;
  const pk = meta.primaryKey.name;
  const { entities } = planned;
  if (sent.kind === 'insert') {
    const mapper = sent.generatedKey ? mappers.get(meta) : undefined;
    entities.forEach((entity, i) => record.insert(meta.table, mapper ? (keys ? mapper.keyFromDb(keys[i]) : undefined) : (entity as Bag)[pk]));
  } else if (sent.kind === 'update') {
    const columns = sent.columns.map((c) => c.column);
    for (const entity of entities) record.update(meta.table, (entity as Bag)[pk], columns);
  } else {
    for (const entity of entities) record.delete(meta.table, (entity as Bag)[pk]);
  }
}

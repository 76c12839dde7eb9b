import { Collection, Column, Entity, ManyToMany, ManyToOne, PrimaryKey, SnakeCaseNamingStrategy, Version } from '../../../src';
import type { FlushBatch } from '../../../src/unit-of-work/flush-plan';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import { MapperRegistry } from '../../../src/mapper/mapper-registry';
import { discoverMetadata } from '../../../src/metadata/metadata-discovery';
import { installRelationAccessors } from '../../../src/relations/relation-accessors';
import { unwrapReference } from '../../../src/relations/reference';
import { PendingKey } from '../../../src/mapper/foreign-key';
import { UnitOfWork } from '../../../src/unit-of-work/unit-of-work';
import { EntityLoader } from '../../../src/relations/entity-loader';
import { StatementCache } from '../../../src/query/statement-cache';

@Entity({ table: 'nodes' })
class Node {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @ManyToOne(() => Node, { nullable: true }) parent: Node | null = null;
  @ManyToMany(() => Mark, undefined, { owner: true }) marks = new Collection<Mark>(this);
  @Version() version!: number;
}

@Entity({ table: 'marks' })
class Mark {
  @PrimaryKey() id!: number;
  @Column() label!: string;
}

const storage = discoverMetadata([Node, Mark], new SnakeCaseNamingStrategy());
for (const meta of storage.all) installRelationAccessors(meta);
const mappers = new MapperRegistry((p) => sqliteDialect.converterFor(p), (v) => unwrapReference(v) as object);
const compiler = sqliteDialect.createCompiler();
// This flush loads nothing: a loader without a connection.
const loaderContext = { mappers, compiler, statements: new StatementCache(compiler), loadChunkSize: 1000 };

/** Freezes everything a flush computed (change sets, planned batches, rows), but not entities or metadata. */
function freezeFlushData(value: unknown, entities: ReadonlySet<object>): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || entities.has(value)) return;
  if (!Array.isArray(value) && !(value instanceof PendingKey) && Object.getPrototypeOf(value) !== Object.prototype) return;
  Object.freeze(value);
  for (const [key, child] of Object.entries(value)) if (key !== 'meta' && key !== 'entity' && key !== 'session') freezeFlushData(child, entities);
}

describe('a flush never writes to its change sets or plan', () => {
  test('a frozen plan with pending keys, a deferred self-reference and pivot rows runs and applies', async () => {
    const uow = new UnitOfWork(storage, mappers, (owner) => new EntityLoader(owner, loaderContext));
    const root = Object.assign(new Node(), { name: 'root' });
    const child = Object.assign(new Node(), { name: 'child', parent: root });
    const mark = Object.assign(new Mark(), { label: 'm' });
    uow.persist(child);
    uow.persist(root);
    uow.persist(mark);
    child.marks.add(mark);

    const flush = (await uow.prepareFlush({}))!;
    expect(flush.changeSets.map((cs) => cs.type)).toEqual(['insert', 'insert', 'insert']);
    expect(flush.plan.batches.some((b) => b.pending)).toBe(true);
    freezeFlushData(flush, new Set([root, child, mark]));
    expect(Object.isFrozen(flush.plan.batches[0].batch)).toBe(true);

    const sent: FlushBatch[] = [];
    let nextId = 1;
    const outcome = await uow.writeFlush(
      flush,
      async (batch) => {
        sent.push(batch);
        return batch.kind === 'insert' && batch.generatedKey ? batch.rows.map(() => nextId++) : undefined;
      },
      { record: undefined, transactionId: 'tx', session: () => uow },
    );
    // What reached the executor holds keys, never a PendingKey; the plan still holds its PendingKeys.
    for (const batch of sent) {
      const rows: readonly (readonly unknown[])[] =
        batch.kind === 'delete' ? [batch.keys] : batch.kind === 'update' ? batch.rows.map((r) => [r.key, ...r.values]) : batch.rows;
      for (const row of rows) expect(row.some((v) => v instanceof PendingKey)).toBe(false);
    }
    const link = sent.find((b) => b.kind === 'link')!;
    expect(link.kind === 'link' && link.rows).toEqual([[expect.any(Number), expect.any(Number)]]);
    expect(flush.plan.batches.some((b) => b.batch.kind === 'link' && b.batch.rows.some((row) => row.some((v) => v instanceof PendingKey)))).toBe(true);
    // The insert row of the deferred self-reference was a copy: the change set still holds the parent's key.
    const childInsert = flush.changeSets.find((cs) => cs.entity === child)!;
    expect(childInsert.type === 'insert' && childInsert.values.some((v) => v instanceof PendingKey)).toBe(true);

    await uow.applyFlush(flush, outcome);
    expect([root.id, child.id, mark.id].every((id) => typeof id === 'number')).toBe(true);
    // Inserted with a NULL parent, then pointed at it by the deferred UPDATE, which moved its version on.
    expect(child.version).toBe(2);
    expect(root.version).toBe(1);
  });
});

/** A query-builder write (`em.qb(..).insert/update/delete()`, an upsert): its rows' keys are unknown. */
export type BulkWriteKind = 'insert' | 'update' | 'delete' | 'upsert';

/** A row a flush updated: its key and the columns the UPDATE set. */
export interface UpdatedRow {
  readonly key: unknown;
  /** Database column names. Rows updated by the same statement share this array. */
  readonly columns: readonly string[];
}

/**
 * What one transaction wrote to one table. Keys are in their JS form (the entity's primary key value; a key the
 * database generated is the one it handed back). A many-to-many pivot table's rows appear by their key pair
 * `[ownerKey, targetKey]` (in the driver's form) under `inserted` (linked) and `deleted` (unlinked).
 * A row appears once per flush that wrote it, in the order written.
 */
export interface TableWrites {
  readonly table: string;
  readonly inserted: readonly unknown[];
  readonly updated: readonly UpdatedRow[];
  readonly deleted: readonly unknown[];
  /** Query-builder writes to the table, in the order run: any of its rows may have changed. */
  readonly bulk: readonly BulkWriteKind[];
}

interface MutableTableWrites {
  readonly table: string;
  readonly inserted: unknown[];
  readonly updated: UpdatedRow[];
  readonly deleted: unknown[];
  readonly bulk: BulkWriteKind[];
}

/**
 * @internal The writes of one transaction (or of one savepoint, merged into its parent's when it is released),
 * by table in the order first written. Only built while someone listens to `afterCommit` or `afterRollback`.
 * The nulling and re-pointing UPDATEs a flush uses to break foreign-key cycles are not writes of their own:
 * their rows are recorded as the inserts and deletes they belong to.
 */
export class CommitRecord {
  private readonly byTable = new Map<string, MutableTableWrites>();

  insert(table: string, key: unknown): void {
    this.of(table).inserted.push(key);
  }

  update(table: string, key: unknown, columns: readonly string[]): void {
    this.of(table).updated.push({ key, columns });
  }

  delete(table: string, key: unknown): void {
    this.of(table).deleted.push(key);
  }

  bulk(table: string, kind: BulkWriteKind): void {
    this.of(table).bulk.push(kind);
  }

  /** Takes over what a released savepoint wrote. */
  merge(inner: CommitRecord): void {
    for (const [table, writes] of inner.byTable) {
      const mine = this.of(table);
      mine.inserted.push(...writes.inserted);
      mine.updated.push(...writes.updated);
      mine.deleted.push(...writes.deleted);
      mine.bulk.push(...writes.bulk);
    }
  }

  get tables(): readonly TableWrites[] {
    return [...this.byTable.values()];
  }

  private of(table: string): MutableTableWrites {
    let writes = this.byTable.get(table);
    if (!writes) this.byTable.set(table, (writes = { table, inserted: [], updated: [], deleted: [], bulk: [] }));
    return writes;
  }
}

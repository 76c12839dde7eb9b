import { UsageError } from '../../errors/usage-error';
import type { EntityClass } from '../../metadata/entity-metadata';
import type { MetadataStorage } from '../../metadata/metadata-storage';
import type { PrimaryKeyValue } from '../../query/filter-query';
import type { AuditEntry, AuditOperation } from './audit-entry';

/**
 * A value as audit rows hold it (docs/audit-and-change-feed.md): Date, bigint and Buffer become strings, strings,
 * numbers and booleans stay, anything else (JSON, a to-one relation's key) is `unknown`.
 */
export type AuditValue<V> = V extends Date | bigint | Buffer ? string : V extends string | number | boolean | null | undefined ? V : unknown;

/** The properties of `T` an audit row may name: its fields, not its methods. */
export type AuditedProperty<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T] & string;

/** One committed change of one row, as `orm.audit.history` returns it. */
export interface AuditRecord<T> {
  readonly operation: AuditOperation;
  /**
   * `[old, new]` per audited property (excluded ones never appear): every value an insert wrote (old null), the
   * properties an update changed, every value a delete removed (new null). The primary key is not among them.
   */
  readonly changes: { readonly [K in AuditedProperty<T>]?: readonly [old: AuditValue<T[K]> | null, new: AuditValue<T[K]> | null] };
  /** The outermost transaction the change committed in (`afterCommit`'s `transactionId`). */
  readonly transactionId: string;
  /** When the flush wrote it. */
  readonly at: Date;
  /** The flushing EntityManager's actor, or null. */
  readonly actor: string | null;
}

/** What the trail needs to read the audit table: a fresh EntityManager's `find`. */
export interface AuditReader {
  find(entity: EntityClass<AuditEntry>, where: Partial<Pick<AuditEntry, 'entity' | 'entityKey'>>, options: { orderBy: { id: 'asc' } }): Promise<AuditEntry[]>;
}

/** `orm.audit`: reads what the audit wrote. */
export class AuditTrail {
  /** @internal */
  constructor(
    private readonly metadata: MetadataStorage,
    private readonly entry: EntityClass<AuditEntry> | undefined,
    private readonly reader: () => AuditReader,
  ) {}

  /**
   * Every committed change of one row of an `@Audited()` entity, oldest first (a deleted row's history stays).
   * @example
   * const changes = await orm.audit.history(User, 7);
   * changes[0].operation; // 'insert'
   * changes[1].changes.email; // ['ada@old.example', 'ada@new.example']
   */
  async history<T extends object>(entity: EntityClass<T>, key: PrimaryKeyValue): Promise<AuditRecord<T>[]> {
    const meta = this.metadata.get(entity);
    if (!meta.audit || !this.entry) throw UsageError.notAudited(meta.name);
    const rows = await this.reader().find(this.entry, { entity: meta.name, entityKey: String(key) }, { orderBy: { id: 'asc' } });
    return rows.map((row) => ({
      operation: row.operation,
      changes: row.changes as AuditRecord<T>['changes'],
      transactionId: row.transactionId,
      at: row.at,
      actor: row.actor,
    }));
  }
}

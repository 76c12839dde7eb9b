import type { EntityClass } from '../../metadata/entity-metadata';
import { MetadataRegistry, type ColumnOptions } from '../../metadata/metadata-registry';

/** The operations an audit row records. */
export type AuditOperation = 'insert' | 'update' | 'delete';

/** The audit table's default name (`Orm.init({ audit: { table } })` changes it). */
export const DEFAULT_AUDIT_TABLE = 'tessera_audit';

/**
 * @internal One row of the audit table, mapped like any entity so that `orm.schema`, the migration generator and
 * the CLI create and diff the table as they do every other. Rows are written by the audit listener (never by a
 * flush of this class) and read by `orm.audit.history`.
 */
export interface AuditEntry {
  /** Increases with every row written: a row's changes are in commit order by id (row locks order them). */
  id: string;
  /** The audited entity's class name. */
  entity: string;
  /** Its primary key as a string (`String(key)`). */
  entityKey: string;
  operation: AuditOperation;
  /** `{ property: [old, new] }` in the JSON-safe form (see audit-values.ts). */
  changes: Record<string, readonly [unknown, unknown]>;
  /** The outermost transaction the change committed in. */
  transactionId: string;
  /** When the flush wrote it (ms precision; one time per flush). */
  at: Date;
  /** Who acted: the flushing EntityManager's actor (`orm.requestContext({ actor }, ..)`, `fork({ actor })`). */
  actor: string | null;
}

const COLUMNS: readonly (readonly [keyof AuditEntry, ColumnOptions])[] = [
  ['entity', { type: 'string', length: 255 }],
  ['entityKey', { type: 'string', length: 255 }],
  ['operation', { type: 'string', length: 6 }],
  ['changes', { type: 'json' }],
  ['transactionId', { type: 'string', length: 36 }],
  ['at', { type: 'timestamp' }],
  ['actor', { type: 'string', length: 255, nullable: true }],
];

// One class per table name, so that two Orms with the same audit table share one metadata entry.
const classes = new Map<string, EntityClass<AuditEntry>>();

/** @internal The entity class of the audit table `table`, registered with the metadata on first use. */
export function auditEntryClass(table: string): EntityClass<AuditEntry> {
  let cls = classes.get(table);
  if (!cls) {
    cls = class AuditEntry {} as unknown as EntityClass<AuditEntry>;
    MetadataRegistry.addEntity(cls, { table });
    MetadataRegistry.addProperty(cls, { name: 'id', designType: undefined, options: { type: 'bigint' }, primary: true, version: false });
    for (const [name, options] of COLUMNS) MetadataRegistry.addProperty(cls, { name, designType: undefined, options, primary: false, version: false });
    // history(Entity, key) reads one row's entries in id order.
    MetadataRegistry.addIndex(cls, { properties: ['entity', 'entityKey'], unique: false });
    classes.set(table, cls);
  }
  return cls;
}

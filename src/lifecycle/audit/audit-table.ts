import type { EntityClass } from '../../metadata/entity-metadata';
import type { MetadataStorage } from '../../metadata/metadata-storage';
import { auditEntryClass, DEFAULT_AUDIT_TABLE, type AuditEntry } from './audit-entry';

/** The `audit` option of `Orm.init`. */
export interface AuditOptions {
  /** The audit table's name (default `tessera_audit`). */
  table?: string;
}

/**
 * @internal Discovers `entities`; when one of them is `@Audited()`, discovers them again with the audit table's
 * entity, so that the schema tools, migrations and flush executor know the table like any other (and a user
 * entity on the same table is a `MetadataError`). Discovery is cheap and runs once per `Orm.init`.
 */
export function discoverWithAudit(
  entities: readonly EntityClass[],
  discover: (entities: readonly EntityClass[]) => MetadataStorage,
  options: AuditOptions = {},
): { metadata: MetadataStorage; auditEntry?: EntityClass<AuditEntry> } {
  const metadata = discover(entities);
  if (!metadata.all.some((meta) => meta.audit)) return { metadata };
  const auditEntry = auditEntryClass(options.table ?? DEFAULT_AUDIT_TABLE);
  return { metadata: discover([...entities, auditEntry]), auditEntry };
}

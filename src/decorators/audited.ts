import { MetadataRegistry } from '../metadata/metadata-registry';

/**
 * What `@Audited()` takes. `K` is inferred from the names written, so a name the class does not have is a type
 * error at the decorator (and, when the types are bypassed, a `MetadataError` at `Orm.init`).
 */
export interface AuditedDecoratorOptions<K extends string> {
  /** Properties whose values audit rows leave out (a password hash, a large blob). */
  exclude?: readonly K[];
}

/**
 * Records every committed insert, update and delete of the entity in the audit table, in the flush's transaction
 * (see docs/audit-and-change-feed.md): `orm.audit.history(User, id)` reads them back.
 * @example
 * @Entity() @Audited({ exclude: ['passwordHash'] })
 * class User { @PrimaryKey() id!: number; @Column() email!: string; @Column() passwordHash!: string; }
 */
export function Audited<K extends string = never>(
  options: AuditedDecoratorOptions<K> = {},
): <T extends { [P in K]: unknown }>(target: abstract new (...args: never[]) => T) => void {
  return (target) => MetadataRegistry.addAudited(target, { exclude: options.exclude ? [...options.exclude] : [] });
}

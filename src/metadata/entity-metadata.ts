import type { EntityHooks } from './hook-metadata';
import type { RepositoryClass } from './metadata-registry';
import type { FilterMetadata } from './filter-metadata';
import type { PropertyMetadata } from './property-metadata';
import type { ForeignKeyMetadata, RelationMetadata } from './relation-metadata';

/** A class decorated with @Entity(). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntityClass<T = any> = abstract new (...args: any[]) => T;

/** An index or unique constraint over one or more columns. */
export interface IndexMetadata {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

/** Everything Tessera knows about one entity class, resolved and validated once by discovery, then frozen. */
export interface EntityMetadata<T = object> {
  readonly class: EntityClass<T>;
  readonly name: string;
  readonly table: string;
  /** Mapped properties in declaration order (base classes first). */
  readonly properties: readonly PropertyMetadata[];
  readonly propertiesByName: ReadonlyMap<string, PropertyMetadata>;
  readonly primaryKey: PropertyMetadata;
  readonly version?: PropertyMetadata;
  /** The @SoftDelete() column: `em.remove()` sets it to the current time, and reads skip rows where it is set. */
  readonly softDelete?: PropertyMetadata;
  /** The global filters declared on the class (`@Filter`), in declaration order. */
  readonly filters: readonly FilterMetadata[];
  readonly indexes: readonly IndexMetadata[];
  /** Every relation property, owning and inverse, in declaration order. */
  readonly relations: readonly RelationMetadata[];
  readonly relationsByName: ReadonlyMap<string, RelationMetadata>;
  /** The owning to-one relations (their foreign-key columns are in `properties`). */
  readonly toOne: readonly RelationMetadata[];
  /** The relations whose value is a `Collection`. */
  readonly toMany: readonly RelationMetadata[];
  readonly foreignKeys: readonly ForeignKeyMetadata[];
  /** Pivot tables this entity owns (its owning many-to-many relations). */
  readonly pivots: readonly RelationMetadata[];
  /** Set when the class (or a base class) is `@Audited()`: its changes are written to the audit table. */
  readonly audit?: AuditMetadata;
  /** The lifecycle hook methods (`@BeforeCreate()`, ...), inherited ones included; undefined when it has none. */
  readonly hooks?: EntityHooks;
  /** The entity's own repository class (`@Entity({ repository })`), resolved when first asked for. */
  readonly repository?: () => RepositoryClass;
  /** `@Entity({ changeEvents: true })`: its committed changes go to the change outbox. */
  readonly changeEvents: boolean;
  /** `@Entity({ cache: { ttl } })`: rows of this class are kept in the second-level cache, ttl in ms. */
  readonly cacheTtlMs?: number;
}

/** How an `@Audited()` entity is audited, checked by discovery. */
export interface AuditMetadata {
  /** The properties whose values audit rows leave out (names of column properties). */
  readonly exclude: readonly string[];
}

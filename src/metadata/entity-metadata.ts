import type { RepositoryClass } from './metadata-registry';
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
  /** The entity's own repository class (`@Entity({ repository })`), resolved when first asked for. */
  readonly repository?: () => RepositoryClass;
}

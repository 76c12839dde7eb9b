import type { PropertyMetadata } from './property-metadata';

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
}

import type { EntityMetadata } from './entity-metadata';
import type { PropertyMetadata } from './property-metadata';

/** m:1 and owning 1:1 hold a foreign key; 1:m and inverse 1:1 are read through the other side's key; m:n uses a pivot table. */
export type RelationKind = 'm:1' | '1:1' | '1:m' | 'm:n';

/** What an operation on an entity carries along a relation. */
export type CascadeType = 'persist' | 'remove';

/**
 * A many-to-many relation's pivot table, seen from one side: `sourceColumn` references this side's entity,
 * `targetColumn` the other side's. Both columns are synthetic properties (so the dialect can type and convert them).
 */
export interface PivotMetadata {
  readonly table: string;
  readonly sourceColumn: PropertyMetadata;
  readonly targetColumn: PropertyMetadata;
}

/** One relation property, resolved by discovery (owning side, foreign key, pivot table, inverse side). Frozen. */
export interface RelationMetadata {
  readonly name: string;
  readonly kind: RelationKind;
  /** The entity class declaring the relation. */
  readonly source: EntityMetadata;
  readonly target: EntityMetadata;
  /** This side holds the foreign key (m:1, owning 1:1) or writes the pivot rows (owning m:n). */
  readonly owner: boolean;
  /** The other side's property, when the relation is bidirectional. */
  readonly inverse?: string;
  readonly nullable: boolean;
  /** The value is a `Reference<T>` rather than the entity itself. */
  readonly ref: boolean;
  readonly cascade: readonly CascadeType[];
  /** A child removed from this collection is deleted. */
  readonly orphanRemoval: boolean;
  /** The foreign-key column of an owning to-one relation (a property of `source`). */
  readonly property?: PropertyMetadata;
  /** The pivot table of a many-to-many relation, from this side. */
  readonly pivot?: PivotMetadata;
  /** To-many: the value is a `Collection`. */
  readonly toMany: boolean;
}

/** A foreign key of an entity's table, as DDL declares it. */
export interface ForeignKeyMetadata {
  readonly name: string;
  readonly column: PropertyMetadata;
  readonly target: EntityMetadata;
  readonly onDelete: 'no action' | 'cascade' | 'set null';
}

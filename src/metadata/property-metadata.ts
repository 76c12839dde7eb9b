import type { ColumnType } from './column-type';
import type { RelationMetadata } from './relation-metadata';

/** How a primary key gets its value when the user leaves it undefined. */
export type KeyGeneration = 'identity' | 'uuid' | 'none';

/** One mapped property: a column of the entity's table. Frozen after discovery. */
export interface PropertyMetadata {
  readonly name: string;
  readonly column: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly unique: boolean;
  /** varchar length. */
  readonly length?: number;
  /** decimal precision and scale. */
  readonly precision?: number;
  readonly scale?: number;
  /** Allowed values of an enum column. */
  readonly items?: readonly (string | number)[];
  /** A value the database uses when an insert leaves the column out (also declared in DDL). */
  readonly default?: string | number | boolean | null;
  /** The column's previous name (`@Column({ renamedFrom })`): the schema diff renames it rather than drop and add. */
  readonly renamedFrom?: string;
  readonly primary: boolean;
  readonly generation: KeyGeneration;
  /** The @Version() column used for optimistic locking. */
  readonly version: boolean;
  /** Position in `EntityMetadata.properties`. */
  readonly index: number;
  /** Set on the foreign-key column of an owning to-one relation: its value is an entity (or `Reference`), not a key. */
  readonly relation?: RelationMetadata;
}

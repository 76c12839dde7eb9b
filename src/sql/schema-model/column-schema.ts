import type { ColumnType } from '../../metadata/column-type';

/** One column of a live table, normalized so that equal definitions compare equal (see default-expression.ts). */
export interface ColumnSchema {
  readonly name: string;
  /**
   * The type as the database reports it, untouched: PostgreSQL's `format_type` (`character varying(255)`),
   * MySQL's COLUMN_TYPE (`int(11)`), SQLite's declared type (`''` for a typeless column).
   */
  readonly nativeType: string;
  /** The portable Tessera type the column holds, where one maps; undefined for types Tessera has no name for. */
  readonly type: ColumnType | undefined;
  /** Declared length of a character column. */
  readonly length?: number;
  /** Digits of a decimal; fractional-second digits of a timestamp (the effective value, defaults included). */
  readonly precision?: number;
  /** Digits after the point of a decimal. */
  readonly scale?: number;
  readonly nullable: boolean;
  /** The default as a normalized SQL expression (`'it''s'`, `-1.5`, `true`, `current_timestamp`); undefined when there is none or it is NULL. */
  readonly default?: string;
  /** The database generates the value: an identity or serial column, AUTO_INCREMENT, SQLite AUTOINCREMENT. */
  readonly identity: boolean;
  /**
   * Allowed values, in declaration order: of a native enum (a MySQL ENUM, a PostgreSQL enum type), or of the
   * `check (col in (...))` Tessera writes for an enum where there is none (a text or int column).
   */
  readonly items?: readonly string[];
}

export const ColumnSchema = Object.freeze({
  create(column: ColumnSchema): ColumnSchema {
    return Object.freeze({ ...column, items: column.items && Object.freeze([...column.items]) });
  },
});

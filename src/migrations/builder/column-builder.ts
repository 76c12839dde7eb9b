import type { ColumnSchema } from '../../sql/schema-model/column-schema';
import { canonicalNumber, normalizeExpression, sqlStringLiteral } from '../../sql/schema-model/default-expression';
import type { ReferentialAction } from '../../sql/schema-model/referential-action';
import type { ColumnType } from '../../metadata/column-type';

/** What a foreign key declared on a column (`.references(...)`) says besides the referenced table. */
export interface ReferenceOptions {
  /** The constraint's name; default `<table>_<column>_foreign`. */
  readonly name?: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

/** @internal Everything a column builder has been told, read by the table builders when the callback returns. */
export interface ColumnState {
  readonly name: string;
  readonly type: ColumnType | undefined;
  readonly nativeType: string;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly items?: readonly string[];
  nullable: boolean;
  default?: string;
  identity: boolean;
  primary: boolean;
  /** A unique constraint on this column alone: true for the default name, or its name. */
  unique?: string | true;
  /** An index on this column alone: true for the default name, or its name. */
  index?: string | true;
  references?: ReferenceOptions & { readonly table: string; readonly column: string };
  /** In `alterTable`: this column replaces the existing one of the same name. */
  alter: boolean;
}

/**
 * One column in a migration's schema builder, from `t.string('email', 255)` and friends. Columns are NOT NULL
 * unless `.nullable()`. `V` is the type a default must have, so `t.integer('age').defaultTo('x')` does not
 * compile; `A` is true inside `alterTable`, the only place `.alter()` exists. The builder is mutable on
 * purpose: `t.string('email').unique()` is a statement whose result nobody keeps.
 */
export class ColumnBuilder<V, A extends boolean = false> {
  // Never set: it only tells ColumnBuilder<V, true> and <V, false> apart for the type checker.
  private declare readonly inAlterTable: A;

  /** @internal */
  constructor(readonly state: ColumnState) {}

  /**
   * Allows NULL.
   * @example
   * t.integer('age').nullable();
   */
  nullable(): this {
    this.state.nullable = true;
    return this;
  }

  /** Refuses NULL (the default). */
  notNullable(): this {
    this.state.nullable = false;
    return this;
  }

  /**
   * A literal default; `null` means none.
   * @example
   * t.integer('age').defaultTo(0);
   */
  defaultTo(value: V | null): this {
    this.state.default = literal(value, this.state.type);
    return this;
  }

  /**
   * A default written as SQL, for expressions and functions.
   * @example
   * t.timestamp('created_at').defaultRaw('current_timestamp');
   */
  defaultRaw(expression: string): this {
    this.state.default = normalizeExpression(expression);
    return this;
  }

  /** The database generates the value (identity, serial, AUTO_INCREMENT). */
  autoIncrement(): this {
    this.state.identity = true;
    return this;
  }

  /** Makes this column the table's primary key (several calls make a composite key, in call order). */
  primary(): this {
    this.state.primary = true;
    return this;
  }

  /**
   * A unique constraint on this column; default name `<table>_<column>_unique`.
   * @example
   * t.string('email', 255).unique();
   */
  unique(name?: string): this {
    this.state.unique = name ?? true;
    return this;
  }

  /** An index on this column; default name `<table>_<column>_index`. */
  index(name?: string): this {
    this.state.index = name ?? true;
    return this;
  }

  /**
   * A foreign key from this column.
   * @example
   * t.integer('author_id').references('authors', 'id', { onDelete: 'cascade' });
   */
  references(table: string, column = 'id', options: ReferenceOptions = {}): this {
    this.state.references = { table, column, ...options };
    return this;
  }

  /**
   * In `alterTable`: this definition replaces the existing column of the same name.
   * @example
   * this.schema.alterTable('users', (t) => { t.bigInteger('age').nullable().alter(); });
   */
  alter(this: ColumnBuilder<V, true>): ColumnBuilder<V, true> {
    this.state.alter = true;
    return this;
  }

  /** @internal */
  build(): ColumnSchema {
    const s = this.state;
    return Object.freeze({
      name: s.name,
      nativeType: s.nativeType,
      type: s.type,
      ...(s.length !== undefined && { length: s.length }),
      ...(s.precision !== undefined && { precision: s.precision }),
      ...(s.scale !== undefined && { scale: s.scale }),
      nullable: s.nullable,
      ...(s.default !== undefined && { default: s.default }),
      identity: s.identity,
      ...(s.items !== undefined && { items: Object.freeze([...s.items]) }),
    });
  }
}

const NUMERIC: ReadonlySet<ColumnType | undefined> = new Set<ColumnType>(['int', 'bigint', 'float', 'double', 'decimal']);

/** A literal default in the normalized form ColumnSchema keeps (see default-expression.ts). */
function literal(value: unknown, type: ColumnType | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // A bigint or decimal default may be given as a string to keep its digits; it is still a number.
  const numeric = typeof value === 'number' || NUMERIC.has(type);
  if (numeric) return canonicalNumber(String(value)) ?? String(value);
  return sqlStringLiteral(String(value));
}

import type { ColumnType } from '../../metadata/column-type';
import { ColumnBuilder, type ColumnState } from './column-builder';

/** A value a bigint or decimal default may be given as (a string keeps every digit). */
export type NumericLiteral = number | string;

/**
 * The column types of the schema builder, shared by `createTable` and `alterTable` (`A`: whether `.alter()`
 * exists). Each column's `nativeType` is its portable type name: renderers write the type from `type`.
 */
export abstract class ColumnFactory<A extends boolean> {
  /** @internal Receives every column the callback declares, in order. */
  protected abstract add(column: ColumnBuilder<unknown, A>): void;

  /**
   * An auto-incrementing integer primary key.
   * @example
   * this.schema.createTable('users', (t) => { t.increments('id'); });
   */
  increments(name: string): ColumnBuilder<number, A> {
    return this.declareColumn<number>(name, 'int').autoIncrement().primary();
  }

  /** An auto-incrementing bigint primary key. */
  bigIncrements(name: string): ColumnBuilder<NumericLiteral, A> {
    return this.declareColumn<NumericLiteral>(name, 'bigint').autoIncrement().primary();
  }

  /** A varchar of `length` characters (default 255). */
  string(name: string, length = 255): ColumnBuilder<string, A> {
    return this.declareColumn<string>(name, 'string', { length });
  }

  text(name: string): ColumnBuilder<string, A> {
    return this.declareColumn<string>(name, 'text');
  }

  integer(name: string): ColumnBuilder<number, A> {
    return this.declareColumn<number>(name, 'int');
  }

  bigInteger(name: string): ColumnBuilder<NumericLiteral, A> {
    return this.declareColumn<NumericLiteral>(name, 'bigint');
  }

  float(name: string): ColumnBuilder<number, A> {
    return this.declareColumn<number>(name, 'float');
  }

  double(name: string): ColumnBuilder<number, A> {
    return this.declareColumn<number>(name, 'double');
  }

  /** An exact number of `precision` digits, `scale` of them after the point. */
  decimal(name: string, precision = 10, scale = 0): ColumnBuilder<NumericLiteral, A> {
    return this.declareColumn<NumericLiteral>(name, 'decimal', { precision, scale });
  }

  boolean(name: string): ColumnBuilder<boolean, A> {
    return this.declareColumn<boolean>(name, 'boolean');
  }

  /** A calendar date; a default is written `'YYYY-MM-DD'`. */
  date(name: string): ColumnBuilder<string, A> {
    return this.declareColumn<string>(name, 'date');
  }

  /** A date and time, with `precision` fractional-second digits where the database takes one. */
  timestamp(name: string, precision?: number): ColumnBuilder<string, A> {
    return this.declareColumn<string>(name, 'timestamp', { precision });
  }

  json(name: string): ColumnBuilder<string, A> {
    return this.declareColumn<string>(name, 'json');
  }

  uuid(name: string): ColumnBuilder<string, A> {
    return this.declareColumn<string>(name, 'uuid');
  }

  /**
   * One of `items`. On PostgreSQL `enumName` names a type made by `this.schema.createEnum`.
   * @example
   * t.enum('mood', ['happy', 'sad']).defaultTo('sad');
   */
  enum<const T extends string>(name: string, items: readonly T[], options: { enumName?: string } = {}): ColumnBuilder<T, A> {
    return this.declareColumn<T>(name, 'enum', { items, nativeType: options.enumName });
  }

  /** Binary data; it takes no literal default. */
  blob(name: string): ColumnBuilder<never, A> {
    return this.declareColumn<never>(name, 'blob');
  }

  /**
   * A type the builder has no name for, written verbatim in the DDL.
   * @example
   * t.specific('location', 'point');
   */
  specific(name: string, nativeType: string): ColumnBuilder<string, A> {
    return this.declareColumn<string>(name, undefined, { nativeType });
  }

  private declareColumn<V>(
    name: string,
    type: ColumnType | undefined,
    extra: Partial<Pick<ColumnState, 'length' | 'precision' | 'scale' | 'items' | 'nativeType'>> = {},
  ): ColumnBuilder<V, A> {
    const state: ColumnState = {
      name,
      type,
      ...(extra.length !== undefined && { length: extra.length }),
      ...(extra.precision !== undefined && { precision: extra.precision }),
      ...(extra.scale !== undefined && { scale: extra.scale }),
      ...(extra.items !== undefined && { items: extra.items }),
      nativeType: extra.nativeType ?? type ?? '',
      nullable: false,
      identity: false,
      primary: false,
      alter: false,
    };
    const column = new ColumnBuilder<V, A>(state);
    this.add(column as ColumnBuilder<unknown, A>);
    return column;
  }
}

import type { StatementOrigin } from './statement-origin';

/** What a statement does: raw SQL, DDL and transaction control are 'other'. */
export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'other';

/**
 * SQL ready to send: the text and its bound values in placeholder order (drivers cache preparation by the text),
 * and what the compiler knew of it from its tree (for `query` events, metrics and tracing).
 */
export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Absent (read as 'other') on a statement no compiler built. */
  readonly kind?: StatementKind;
  /** The table the statement reads from or writes to, when its tree names one. */
  readonly table?: string;
  /** Set only while the N+1 detector is on: the load this statement belongs to. */
  readonly origin?: StatementOrigin;
}

export const CompiledQuery = Object.freeze({
  create(sql: string, params: readonly unknown[], kind: StatementKind = 'other', table?: string): CompiledQuery {
    return Object.freeze({ sql, params, kind, table });
  },

  /** The same statement (all it carries), marked with where it comes from (for the N+1 detector). */
  withOrigin(query: CompiledQuery, origin: StatementOrigin): CompiledQuery {
    return Object.freeze({ ...query, origin });
  },
});

/**
 * A statement compiled once per shape (table, operation, columns, row count) whose placeholders read numbered
 * slots: the flush binds each chunk's values to it instead of building and compiling a tree per chunk.
 */
export class StatementTemplate {
  /** undefined when placeholder i reads slot i, so values pass through as they are. */
  private readonly order: readonly number[] | undefined;

  /**
   * @param slots per placeholder, the slot it reads, or a negative number for a fixed value
   * @param fixed per placeholder, the fixed value (read where the slot is negative)
   */
  constructor(
    readonly sql: string,
    slots: readonly number[],
    private readonly fixed: readonly unknown[],
    readonly kind: StatementKind = 'other',
    readonly table?: string,
  ) {
    this.order = slots.every((slot, i) => slot === i) ? undefined : slots;
  }

  bind(values: readonly unknown[]): CompiledQuery {
    const order = this.order;
    if (!order) return CompiledQuery.create(this.sql, values, this.kind, this.table);
    const params = new Array<unknown>(order.length);
    for (let i = 0; i < order.length; i++) params[i] = order[i] < 0 ? this.fixed[i] : values[order[i]];
    return CompiledQuery.create(this.sql, params, this.kind, this.table);
  }
}

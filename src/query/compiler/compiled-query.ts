import type { StatementOrigin } from './statement-origin';

/** SQL ready to send: the text and its bound values in placeholder order (drivers cache preparation by the text). */
export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Set only while the N+1 detector is on: the load this statement belongs to. */
  readonly origin?: StatementOrigin;
}

export const CompiledQuery = Object.freeze({
  create(sql: string, params: readonly unknown[]): CompiledQuery {
    return Object.freeze({ sql, params });
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
  ) {
    this.order = slots.every((slot, i) => slot === i) ? undefined : slots;
  }

  bind(values: readonly unknown[]): CompiledQuery {
    const order = this.order;
    if (!order) return CompiledQuery.create(this.sql, values);
    const params = new Array<unknown>(order.length);
    for (let i = 0; i < order.length; i++) params[i] = order[i] < 0 ? this.fixed[i] : values[order[i]];
    return CompiledQuery.create(this.sql, params);
  }
}

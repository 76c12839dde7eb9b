/** Emitted once per statement sent, as `orm.on('query', (event) => ...)`. */
export interface QueryEvent {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly durationMs: number;
  readonly dialect: string;
  /** Set when the statement failed. */
  readonly error?: Error;
}

export type QueryListener = (event: QueryEvent) => void;

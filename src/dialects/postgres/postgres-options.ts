/** What only the PostgreSQL dialect is configured with: `Orm.init({ dialect: postgres({ ... }) })`. */
export interface PostgresOptions {
  /**
   * Send repeated statements as server-side prepared statements, parsed and planned once per connection
   * (default true). Turn off behind a pooler in transaction mode (PgBouncer), which cannot keep them.
   */
  readonly preparedStatements?: boolean;
}

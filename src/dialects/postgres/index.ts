export { postgres, postgresDialect } from './postgres-dialect';
export type { PostgresOptions } from './postgres-options';

export { postgresDialect } from './postgres-dialect';

export { sqliteDialect } from './sqlite-dialect';

export { mysqlDialect } from './mysql-dialect';

import { SnakeCaseNamingStrategy, type EntityClass } from '../../src';
import { mysqlDialect } from '../../src/dialects/mysql';
import { postgresDialect } from '../../src/dialects/postgres';
import { sqliteDialect } from '../../src/dialects/sqlite';
import type { Dialect } from '../../src/dialects/dialect';
import { MapperRegistry } from '../../src/mapper/mapper-registry';
import { discoverMetadata } from '../../src/metadata/metadata-discovery';
import { SelectQueryBuilder } from '../../src/query/builder/select-query-builder';
import type { QueryRunner } from '../../src/query/builder/query-runner';
import { NO_READ_FILTERS } from '../../src/query/read-filter';
import { RELATION_ENTITIES } from './relation-entities';

/** Query builders over the relation entities that compile in each dialect and never reach a database (golden SQL tests). */
export type DialectKey = 'sqlite' | 'postgres' | 'mysql';

const metadata = discoverMetadata(RELATION_ENTITIES, new SnakeCaseNamingStrategy());

/** A runner that compiles with `dialect` and never reaches a database. */
function runnerFor(dialect: Dialect): QueryRunner {
  return {
    filters: NO_READ_FILTERS,
    mappers: new MapperRegistry((property) => dialect.converterFor(property)),
    compiler: dialect.createCompiler(),
    dialect: {
      name: dialect.name,
      supportsReturning: dialect.capabilities.supportsReturning,
      supportsWriteReturning: dialect.capabilities.supportsWriteReturning,
    },
    select: () => Promise.reject(new Error('no database in a unit test')),
    selectCached: () => Promise.reject(new Error('no database in a unit test')),
    write: () => Promise.reject(new Error('no database in a unit test')),
    merge: () => {
      throw new Error('no database in a unit test');
    },
    mergeLocked: () => {
      throw new Error('no database in a unit test');
    },
    // Golden SQL of locked selects needs a builder that accepts forUpdate.
    inTransaction: true,
    stream: () => {
      throw new Error('no database in a unit test');
    },
    detached: () => {
      throw new Error('no database in a unit test');
    },
  };
}

const dialects: Record<DialectKey, Dialect> = { sqlite: sqliteDialect, postgres: postgresDialect, mysql: mysqlDialect };

export function builderFor<T extends object, A extends string>(dialect: DialectKey, entity: EntityClass<T>, alias: A) {
  return SelectQueryBuilder.create<T, Record<A, T>>(runnerFor(dialects[dialect]), metadata.get(entity), alias);
}

/** The SQL and params of `build` in each dialect. */
export function compileAll(build: (dialect: DialectKey) => { getSql(): string; getParams(): readonly unknown[] }) {
  return {
    sqlite: { sql: build('sqlite').getSql(), params: build('sqlite').getParams() },
    postgres: { sql: build('postgres').getSql(), params: build('postgres').getParams() },
    mysql: { sql: build('mysql').getSql(), params: build('mysql').getParams() },
  };
}


/** The compiler of one dialect. */
export function dialectCompiler(dialect: DialectKey) {
  return dialects[dialect].createCompiler();
}

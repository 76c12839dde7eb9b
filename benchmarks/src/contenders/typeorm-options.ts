import type { DataSourceOptions } from 'typeorm';
import type { DialectTarget } from '../dialect-target';
import { TypeormAuthor, TypeormBook, TypeormTag } from './typeorm-graph';
import { TypeormItem } from './typeorm-item';
import { TYPEORM_REPORT_ENTITIES } from './typeorm-report';

/** TypeORM with its defaults: no synchronize (the harness owns the tables), pools of 10 on the servers. */
export function typeOrmOptions(
  target: DialectTarget,
  entities: DataSourceOptions['entities'] = [TypeormItem, TypeormAuthor, TypeormBook, TypeormTag, ...TYPEORM_REPORT_ENTITIES],
): DataSourceOptions {
  const common = {
    entities,
    synchronize: false,
    logging: false,
  };
  switch (target.dialect) {
    case 'sqlite':
      return {
        ...common,
        type: 'better-sqlite3',
        database: target.url,
        prepareDatabase: (db: { pragma(source: string): unknown }) => {
          db.pragma('synchronous = NORMAL');
        },
      };
    case 'postgres':
      return { ...common, type: 'postgres', url: target.url };
    case 'mariadb':
      return { ...common, type: 'mariadb', url: target.url };
  }
}

import { Collection, raw, type EntityManager } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ReportQuery, ReportRow } from '../report-data';

// S8's tables as MikroORM entities; the harness owns the tables. Author comes first: Book's reflected `author`
// type refers to it.

@Entity({ tableName: 'report_author' })
export class MikroReportAuthor {
  @PrimaryKey()
  id!: number;

  @Property({ length: 255 })
  name!: string;

  @OneToMany(() => MikroReportBook, (book) => book.author)
  books = new Collection<MikroReportBook>(this);
}

@Entity({ tableName: 'report_book' })
export class MikroReportBook {
  @PrimaryKey()
  id!: number;

  @ManyToOne(() => MikroReportAuthor, { fieldName: 'author_id' })
  author!: MikroReportAuthor;

  @Property()
  price!: number;
}

export const MIKRO_REPORT_ENTITIES = [MikroReportAuthor, MikroReportBook];

/**
 * S8's query through MikroORM 7's QueryBuilder (its SQL drivers' EntityManager is a SqlEntityManager): the aggregates
 * are raw fragments, the only way it selects them, and the results are read unmapped, as plain rows.
 */
function mikroReportQuery(em: EntityManager, query: ReportQuery) {
  return (em as SqlEntityManager)
    .createQueryBuilder(MikroReportAuthor, 'a')
    .select(['a.id', 'a.name', raw('count(b.id) as books'), raw('sum(b.price) as revenue'), raw('avg(b.price) as average')])
    .join('a.books', 'b')
    .where({ 'b.price': { $gte: query.minPrice } })
    .groupBy(['a.id', 'a.name'])
    .having('count(b.id) >= ?', [query.minBooks])
    .orderBy([{ [raw('revenue')]: 'desc' }, { id: 'asc' }])
    .limit(query.limit);
}

export async function mikroReport(em: EntityManager, query: ReportQuery): Promise<readonly ReportRow[]> {
  const rows = await mikroReportQuery(em, query).execute<Record<string, unknown>[]>('all', false);
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name as string,
    books: Number(row.books),
    revenue: Number(row.revenue),
    average: Number(row.average),
  }));
}

export function compileMikroReport(em: EntityManager, query: ReportQuery, times: number): string {
  let sql = '';
  for (let i = 0; i < times; i++) {
    const qb = mikroReportQuery(em, query);
    sql = qb.getQuery();
    qb.getParams();
  }
  return sql;
}

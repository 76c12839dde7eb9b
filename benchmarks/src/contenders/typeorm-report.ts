import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, type DataSource } from 'typeorm';
import type { ReportQuery, ReportRow } from '../report-data';

// S8's tables as TypeORM entities; the harness owns the tables. Author comes first: Book's reflected `author` type
// refers to it.

@Entity({ name: 'report_author' })
export class TypeormReportAuthor {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @OneToMany(() => TypeormReportBook, (book) => book.author)
  books!: TypeormReportBook[];
}

@Entity({ name: 'report_book' })
export class TypeormReportBook {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => TypeormReportAuthor, (author) => author.books, { nullable: false })
  @JoinColumn({ name: 'author_id' })
  author!: TypeormReportAuthor;

  @Column({ type: 'int' })
  price!: number;
}

export const TYPEORM_REPORT_ENTITIES = [TypeormReportAuthor, TypeormReportBook];

/** S8's query through TypeORM's SelectQueryBuilder, read with getRawMany (its way to plain rows with aggregates). */
function typeormReportQuery(dataSource: DataSource, query: ReportQuery) {
  return dataSource
    .getRepository(TypeormReportAuthor)
    .createQueryBuilder('a')
    .innerJoin('a.books', 'b')
    .select('a.id', 'id')
    .addSelect('a.name', 'name')
    .addSelect('COUNT(b.id)', 'books')
    .addSelect('SUM(b.price)', 'revenue')
    .addSelect('AVG(b.price)', 'average')
    .where('b.price >= :minPrice', { minPrice: query.minPrice })
    .groupBy('a.id')
    .addGroupBy('a.name')
    .having('COUNT(b.id) >= :minBooks', { minBooks: query.minBooks })
    .orderBy('revenue', 'DESC')
    .addOrderBy('a.id', 'ASC')
    .limit(query.limit);
}

export async function typeormReport(dataSource: DataSource, query: ReportQuery): Promise<readonly ReportRow[]> {
  const rows = await typeormReportQuery(dataSource, query).getRawMany<Record<string, unknown>>();
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name as string,
    books: Number(row.books),
    revenue: Number(row.revenue),
    average: Number(row.average),
  }));
}

export function compileTypeormReport(dataSource: DataSource, query: ReportQuery, times: number): string {
  let sql = '';
  for (let i = 0; i < times; i++) [sql] = typeormReportQuery(dataSource, query).getQueryAndParameters();
  return sql;
}

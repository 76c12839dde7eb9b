import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * `bench_item` as a TypeORM entity. The harness owns the table; column types only steer value conversion.
 * createdAt takes its type from the reflected Date, because no one explicit name is valid on all three drivers
 * (`timestamp` is not a SQLite type for TypeORM, `datetime` not a PostgreSQL one).
 */
@Entity({ name: 'bench_item' })
export class TypeormItem {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  email!: string;

  @Column({ type: 'int' })
  age!: number;

  @Column({ type: 'double precision' })
  score!: number;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}

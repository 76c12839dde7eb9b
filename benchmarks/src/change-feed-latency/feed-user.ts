import { Column, Entity, PrimaryKey } from 'tessera-orm';

/** The row the producer updates over and over; every change is published. */
@Entity({ table: 'feed_bench_user', changeEvents: true })
export class FeedBenchUser {
  @PrimaryKey() id!: number;
  @Column() email!: string;
  @Column({ type: 'int' }) seq!: number;
}

import { Column, Entity, PrimaryKey } from 'tessera-orm';

/** The streamed table: an id, two strings of realistic width and an int the probe sums to check it saw every row. */
@Entity({ table: 'stream_item' })
export class StreamItem {
  @PrimaryKey()
  id!: number;

  @Column()
  name!: string;

  @Column()
  email!: string;

  @Column({ type: 'int' })
  amount!: number;
}

/** A million rows; `BENCH_STREAM_ROWS` sets fewer for a quick check of the harness. */
export const STREAM_ROWS = Number(process.env.BENCH_STREAM_ROWS ?? 1_000_000);

/** What the amounts of rows 1..n sum to (amount = id % 1000), to check that a probe read every row. */
export function expectedSum(rows: number): number {
  let sum = 0;
  for (let id = 1; id <= rows; id++) sum += id % 1000;
  return sum;
}

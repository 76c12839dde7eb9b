/** A row as the drivers return it: the raw contender does not map rows to objects of its own. */
export interface RawRow {
  id: number;
  name: string;
  email: string;
  age: number;
  score: number;
  created_at: unknown;
}

export const SELECT_ALL = 'SELECT id, name, email, age, score, created_at FROM bench_item';

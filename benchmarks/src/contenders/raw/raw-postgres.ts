import { Client } from 'pg';
import type { DialectTarget } from '../../dialect-target';
import type { ItemData } from '../../scenario-data';
import type { ItemView, TimedStep } from '../contender';
import { SELECT_ALL, type RawRow } from './raw-row';

/**
 * PostgreSQL forms, each the fastest of those measured on this machine:
 * - INSERT ... SELECT FROM unnest(arrays) RETURNING id: five array parameters for all rows, about 3x faster than
 *   multi-row VALUES chunked under the 65,535-parameter limit, and no chunking at all;
 * - UPDATE ... FROM unnest(ids, ages): one statement for all rows, faster than UPDATE ... FROM (VALUES ...);
 * - DELETE ... WHERE id = ANY($1): one array parameter;
 * - the lookup is a named (server-side prepared) statement, parsed and planned once per connection.
 */
export class RawPostgres {
  #client: Client | undefined;

  async setup(target: DialectTarget): Promise<void> {
    this.#client = new Client({ connectionString: target.url });
    await this.#client.connect();
  }

  async teardown(): Promise<void> {
    await this.#client?.end();
    this.#client = undefined;
  }

  async insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    const result = await this.#transaction((client) =>
      client.query<{ id: number }>(
        `INSERT INTO bench_item (name, email, age, score, created_at)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::float8[], $5::timestamp[])
         RETURNING id`,
        [
          items.map((item) => item.name),
          items.map((item) => item.email),
          items.map((item) => item.age),
          items.map((item) => item.score),
          items.map((item) => item.createdAt),
        ],
      ),
    );
    // Rows come back in insertion order, which is the order of the arrays.
    return items.map((item, i) => ({ ...item, id: result.rows[i].id }));
  }

  async loadAll(): Promise<readonly ItemView[]> {
    return (await this.#connected().query<RawRow>(SELECT_ALL)).rows;
  }

  async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    const rows = await this.loadAll();
    return async () => {
      const ids = rows.map((row) => row.id);
      const ages = rows.map((row) => row.age + ageBump);
      await this.#transaction((client) =>
        client.query(
          'UPDATE bench_item AS t SET age = v.age FROM unnest($1::int[], $2::int[]) AS v(id, age) WHERE t.id = v.id',
          [ids, ages],
        ),
      );
    };
  }

  async findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    const client = this.#connected();
    const found: RawRow[] = [];
    for (const id of ids) {
      const result = await client.query<RawRow>({ name: 'bench_find_item', text: `${SELECT_ALL} WHERE id = $1`, values: [id] });
      found.push(result.rows[0]);
    }
    return found;
  }

  async prepareRemoveAll(): Promise<TimedStep> {
    const rows = await this.loadAll();
    return async () => {
      const ids = rows.map((row) => row.id);
      await this.#transaction((client) => client.query('DELETE FROM bench_item WHERE id = ANY($1::int[])', [ids]));
    };
  }

  async #transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = this.#connected();
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }

  #connected(): Client {
    if (!this.#client) throw new Error('raw postgres used before setup()');
    return this.#client;
  }
}

import type { IntrospectionQuery, Introspector } from '../dialect';

export class PostgresIntrospector implements Introspector {
  constructor(private readonly run: IntrospectionQuery) {}

  async listTables(): Promise<string[]> {
    const rows = await this.run(
      "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
    );
    return rows.map((r) => String(r.table_name));
  }
}

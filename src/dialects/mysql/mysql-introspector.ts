import type { Introspector } from '../dialect';

type Run = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export class MysqlIntrospector implements Introspector {
  constructor(private readonly run: Run) {}

  async listTables(): Promise<string[]> {
    const rows = await this.run(
      "select table_name as name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by table_name",
    );
    return rows.map((r) => String(r.name));
  }
}

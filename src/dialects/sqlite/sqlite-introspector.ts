import type { Introspector } from '../dialect';

type Run = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export class SqliteIntrospector implements Introspector {
  constructor(private readonly run: Run) {}

  async listTables(): Promise<string[]> {
    const rows = await this.run(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name",
    );
    return rows.map((r) => String(r.name));
  }
}

import type { IntrospectionQuery, Introspector } from '../dialect';

export class SqliteIntrospector implements Introspector {
  constructor(private readonly run: IntrospectionQuery) {}

  async listTables(): Promise<string[]> {
    const rows = await this.run(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name",
    );
    return rows.map((r) => String(r.name));
  }
}

/** Turns class and property names into table and column names when the decorators do not give them. */
export interface NamingStrategy {
  tableName(className: string): string;
  columnName(propertyName: string): string;
  indexName(table: string, columns: readonly string[], unique: boolean): string;
  /** The foreign-key column of a to-one relation: `author` → `author_id`. */
  joinColumnName(propertyName: string, targetKeyColumn: string): string;
  /** A many-to-many pivot table, from the owning entity's name (as `tableName` gives it): `book` + `tags` → `book_tags`. */
  pivotTableName(ownerEntity: string, propertyName: string): string;
  /** A pivot column referencing an entity (named as `tableName` gives it): `book` → `book_id`. */
  pivotColumnName(entity: string, keyColumn: string): string;
  foreignKeyName(table: string, column: string): string;
}

/** `BookTag` → `book_tag`, `createdAt` → `created_at`, `HTTPRequest` → `http_request`. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The default naming strategy: snake_case tables and columns, as most SQL schemas are written. */
export class SnakeCaseNamingStrategy implements NamingStrategy {
  tableName(className: string): string {
    return toSnakeCase(className);
  }

  columnName(propertyName: string): string {
    return toSnakeCase(propertyName);
  }

  indexName(table: string, columns: readonly string[], unique: boolean): string {
    return `${table}_${columns.join('_')}_${unique ? 'unique' : 'index'}`;
  }

  joinColumnName(propertyName: string, targetKeyColumn: string): string {
    return `${toSnakeCase(propertyName)}_${targetKeyColumn}`;
  }

  pivotTableName(ownerEntity: string, propertyName: string): string {
    return `${ownerEntity}_${toSnakeCase(propertyName)}`;
  }

  pivotColumnName(entity: string, keyColumn: string): string {
    return `${entity}_${keyColumn}`;
  }

  foreignKeyName(table: string, column: string): string {
    return `${table}_${column}_foreign`;
  }
}

/** A named enum type (PostgreSQL `create type .. as enum`); MySQL and SQLite have none. */
export interface EnumTypeSchema {
  readonly name: string;
  /** Labels in their sort order. */
  readonly values: readonly string[];
}

export const EnumTypeSchema = Object.freeze({
  create(name: string, values: readonly string[]): EnumTypeSchema {
    return Object.freeze({ name, values: Object.freeze([...values]) });
  },
});

import { TesseraError } from './tessera-error';

/** A schema change that cannot be made as asked: it names a table or column the schema does not have, or it would lose data. */
export class SchemaError extends TesseraError {
  static missing(what: string, name: string, table?: string): SchemaError {
    return new SchemaError(`The schema has no ${what} ${name}${table === undefined ? '' : ` on table ${table}`}.`);
  }

  static exists(what: string, name: string, table?: string): SchemaError {
    return new SchemaError(`The schema already has a ${what} ${name}${table === undefined ? '' : ` on table ${table}`}.`);
  }
}

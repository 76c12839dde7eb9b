import { TesseraError, type Named } from './tessera-error';

/** A mistake in entity decorators or ORM configuration, raised by `Orm.init` before any SQL is sent. */
export class MetadataError extends TesseraError {
  constructor(
    message: string,
    readonly entity?: string,
    readonly property?: string,
  ) {
    super(message);
  }

  static missingPrimaryKey(entity: Named): MetadataError {
    return new MetadataError(`Entity ${entity.name} has no @PrimaryKey() property.`, entity.name);
  }

  static compositePrimaryKey(entity: Named, properties: string[]): MetadataError {
    return new MetadataError(
      `Entity ${entity.name} declares several primary keys (${properties.join(', ')}); composite keys are not supported yet.`,
      entity.name,
    );
  }

  static unknownType(entity: Named, property: string, type: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${property} has column type '${type}', which Tessera does not know. ` +
        `Pass a known type, e.g. @Column({ type: 'text' }).`,
      entity.name,
      property,
    );
  }

  static typeNotInferable(entity: Named, property: string): MetadataError {
    return new MetadataError(
      `Cannot infer the column type of ${entity.name}.${property} (no type annotation, a union or an object type). ` +
        `Pass it explicitly, e.g. @Column({ type: 'json' }).`,
      entity.name,
      property,
    );
  }

  static duplicateTable(table: string, first: Named, second: Named): MetadataError {
    return new MetadataError(`Entities ${first.name} and ${second.name} both map to table '${table}'.`, second.name);
  }

  static duplicateColumn(entity: Named, column: string, first: string, second: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${first} and ${entity.name}.${second} both map to column '${column}'.`,
      entity.name,
      second,
    );
  }

  static notAnEntity(target: unknown): MetadataError {
    const name = typeof target === 'function' ? target.name : String(target);
    return new MetadataError(`${name} is not an entity: decorate the class with @Entity().`, name);
  }

  static propertyOutsideEntity(entity: Named, property: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${property} has a column decorator, but ${entity.name} is not decorated with @Entity().`,
      entity.name,
      property,
    );
  }

  static badEnum(entity: Named, property: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${property} is an enum column without values: pass @Column({ type: 'enum', items: [...] }).`,
      entity.name,
      property,
    );
  }

  static badVersion(entity: Named, property: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${property}: @Version() needs a number property (type 'int'), and an entity may have only one.`,
      entity.name,
      property,
    );
  }

  static badDefault(entity: Named, property: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${property} has a default that cannot be written in DDL: use a finite number, a string, a boolean or null.`,
      entity.name,
      property,
    );
  }

  static badPrimaryKeyType(entity: Named, property: string, type: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${property}: a primary key of type '${type}' is not supported; use 'int', 'bigint', 'uuid' or 'string'.`,
      entity.name,
      property,
    );
  }

  static unknownIndexProperty(entity: Named, property: string): MetadataError {
    return new MetadataError(
      `An @Index/@Unique on ${entity.name} names '${property}', which is not a column of ${entity.name}.`,
      entity.name,
      property,
    );
  }

  static noEntities(): MetadataError {
    return new MetadataError('Orm.init needs at least one entity class in `entities`.');
  }

  static unknownDialect(name: string, known: readonly string[]): MetadataError {
    return new MetadataError(`Unknown dialect '${name}'. Known dialects: ${known.join(', ')}.`);
  }
}

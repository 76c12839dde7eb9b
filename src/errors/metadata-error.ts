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

  static badRenamedFrom(entity: Named, property: string, from: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${property} has renamedFrom '${from}': it must be a non-empty column name other than the column's own.`,
      entity.name,
      property,
    );
  }

  static renamedFromInUse(entity: Named, property: string, from: string, holder: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${property} is renamed from column '${from}', but ${entity.name}.${holder} still maps that column.`,
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

  static unknownAuditedProperty(entity: Named, property: string): MetadataError {
    return new MetadataError(
      `@Audited() on ${entity.name} excludes '${property}', which is not a column property of ${entity.name}.`,
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

  static relationTarget(entity: Named, property: string, target: unknown): MetadataError {
    const name = typeof target === 'function' ? target.name : String(target);
    return new MetadataError(
      `${entity.name}.${property} relates to ${name}, which is not one of this Orm's entities: decorate it with @Entity() and pass it in \`entities\`.`,
      entity.name,
      property,
    );
  }

  static badInverse(entity: Named, property: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${property}: the inverse side must be given as a property access, e.g. (book) => book.author.`,
      entity.name,
      property,
    );
  }

  static missingInverse(entity: Named, property: string, target: Named, inverse: string, expected: string): MetadataError {
    return new MetadataError(
      `${entity.name}.${property} names ${target.name}.${inverse} as its other side, but ${target.name}.${inverse} is not ` +
        `${expected} pointing back at ${entity.name}.`,
      entity.name,
      property,
    );
  }

  static ownerConflict(entity: Named, property: string, target: Named, inverse: string, both: boolean): MetadataError {
    return new MetadataError(
      both
        ? `${entity.name}.${property} and ${target.name}.${inverse} are both declared { owner: true }; exactly one side owns the relation.`
        : `Neither ${entity.name}.${property} nor ${target.name}.${inverse} is declared { owner: true }; mark the side that holds the key.`,
      entity.name,
      property,
    );
  }

  static badRelationOption(entity: Named, property: string, option: string): MetadataError {
    return new MetadataError(`${entity.name}.${property}: the option '${option}' does not apply to this kind of relation.`, entity.name, property);
  }

  static relationAndColumn(entity: Named, property: string): MetadataError {
    return new MetadataError(`${entity.name}.${property} has both a column and a relation decorator; use one.`, entity.name, property);
  }

  static hookNotMethod(entity: Named, property: string, event: string): MetadataError {
    const decorator = `@${event[0].toUpperCase()}${event.slice(1)}()`;
    return new MetadataError(
      `${entity.name}.${property} has ${decorator}, but it is not a method: lifecycle hooks decorate instance methods, e.g. ${decorator} normalize() { ... }.`,
      entity.name,
      property,
    );
  }

  static badRepository(entity: Named): MetadataError {
    return new MetadataError(
      `Entity ${entity.name} has a 'repository' option that is not a thunk; write @Entity({ repository: () => ${entity.name}Repository }).`,
      entity.name,
    );
  }

  static notARepository(entity: Named, repository: string): MetadataError {
    return new MetadataError(
      `Entity ${entity.name} names ${repository} as its repository, which does not extend EntityRepository; ` +
        `declare it as class ${repository} extends EntityRepository<${entity.name}>.`,
      entity.name,
    );
  }

  static severalSoftDeletes(entity: Named, properties: readonly string[]): MetadataError {
    return new MetadataError(
      `Entity ${entity.name} marks several properties with @SoftDelete() (${properties.join(', ')}); an entity has at most one.`,
      entity.name,
      properties[1],
    );
  }

  static badSoftDeleteType(entity: Named, property: string, type: string): MetadataError {
    return new MetadataError(
      `@SoftDelete() on ${entity.name}.${property} needs a timestamp or date column, not '${type}': ` +
        'remove() writes the current time there. Declare it as `deletedAt: Date | null = null`.',
      entity.name,
      property,
    );
  }

  static softDeleteNotNullable(entity: Named, property: string): MetadataError {
    return new MetadataError(
      `@SoftDelete() on ${entity.name}.${property} needs a nullable column (NULL means not deleted); drop nullable: false.`,
      entity.name,
      property,
    );
  }

  static badFilterName(entity: Named, name: unknown): MetadataError {
    return new MetadataError(
      `@Filter() on ${entity.name} has the name ${JSON.stringify(name)}: a filter needs a non-empty name other than 'softDelete' (the built-in soft-delete filter).`,
      entity.name,
    );
  }

  static duplicateFilter(entity: Named, name: string): MetadataError {
    return new MetadataError(`Entity ${entity.name} declares the filter '${name}' twice.`, entity.name);
  }

  static badFilterCondition(entity: Named, name: string): MetadataError {
    return new MetadataError(
      `The filter '${name}' of ${entity.name} has no valid cond: pass a filter object or a function of the parameters returning one.`,
      entity.name,
    );
  }

  static badCacheTtl(entity: Named, ttl: unknown): MetadataError {
    return new MetadataError(`@Entity({ cache: { ttl } }) of ${entity.name} needs ttl as a positive number of seconds, got ${String(ttl)}.`, entity.name);
  }
}

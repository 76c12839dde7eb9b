import { MetadataError } from '../errors/metadata-error';
import { inferColumnType, normalizeColumnType, type ColumnType } from './column-type';
import type { EntityClass, EntityMetadata, IndexMetadata } from './entity-metadata';
import { MetadataRegistry, type RawEntity, type RawProperty } from './metadata-registry';
import type { NamingStrategy } from './naming-strategy';
import type { KeyGeneration, PropertyMetadata } from './property-metadata';
import { MetadataStorage } from './metadata-storage';

/**
 * Resolves what the decorators recorded into frozen `EntityMetadata`, once, at `Orm.init`. Every mistake is a
 * `MetadataError` naming the class and property, so nothing at run time needs to re-check decorators.
 */
export function discoverMetadata(classes: readonly EntityClass[], naming: NamingStrategy): MetadataStorage {
  if (classes.length === 0) throw MetadataError.noEntities();
  const byTable = new Map<string, EntityClass>();
  const metas: EntityMetadata[] = [];
  for (const cls of classes) {
    const meta = discoverEntity(cls, naming);
    const clash = byTable.get(meta.table);
    if (clash && clash !== cls) throw MetadataError.duplicateTable(meta.table, clash, cls);
    byTable.set(meta.table, cls);
    if (clash !== cls) metas.push(meta);
  }
  return new MetadataStorage(metas);
}

function discoverEntity(cls: EntityClass, naming: NamingStrategy): EntityMetadata {
  if (typeof cls !== 'function') throw MetadataError.notAnEntity(cls);
  const own = MetadataRegistry.find(cls);
  if (!own?.options) {
    const first = own?.properties.keys().next().value;
    throw first ? MetadataError.propertyOutsideEntity(cls, first) : MetadataError.notAnEntity(cls);
  }
  const table = own.options.table ?? naming.tableName(cls.name);
  const chain = inheritanceChain(cls);

  const raws = new Map<string, RawProperty>();
  for (const entry of chain) for (const [name, raw] of entry.properties) raws.set(name, raw);

  const properties: PropertyMetadata[] = [];
  const byColumn = new Map<string, string>();
  for (const raw of raws.values()) {
    const property = resolveProperty(cls, raw, properties.length, naming);
    const clash = byColumn.get(property.column);
    if (clash) throw MetadataError.duplicateColumn(cls, property.column, clash, property.name);
    byColumn.set(property.column, property.name);
    properties.push(property);
  }

  const primaries = properties.filter((p) => p.primary);
  if (primaries.length === 0) throw MetadataError.missingPrimaryKey(cls);
  if (primaries.length > 1) throw MetadataError.compositePrimaryKey(cls, primaries.map((p) => p.name));
  const versions = properties.filter((p) => p.version);
  if (versions.length > 1) throw MetadataError.badVersion(cls, versions[1].name);

  const propertiesByName = new Map(properties.map((p) => [p.name, p]));
  const indexes = resolveIndexes(cls, table, chain, properties, propertiesByName, naming);

  return Object.freeze({
    class: cls,
    name: cls.name,
    table,
    properties: Object.freeze(properties),
    propertiesByName,
    primaryKey: primaries[0],
    version: versions[0],
    indexes: Object.freeze(indexes),
  });
}

/** Registry entries of the class and its decorated ancestors, base first, so subclasses override. */
function inheritanceChain(cls: Function): RawEntity[] {
  const chain: RawEntity[] = [];
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const entry = MetadataRegistry.find(c);
    if (entry) chain.unshift(entry);
  }
  return chain;
}

function resolveProperty(cls: EntityClass, raw: RawProperty, index: number, naming: NamingStrategy): PropertyMetadata {
  const { options } = raw;
  let type: ColumnType | undefined;
  if (options.type !== undefined) {
    type = normalizeColumnType(String(options.type));
    if (!type) throw MetadataError.unknownType(cls, raw.name, String(options.type));
  } else {
    // A version is an int unless the design type says otherwise (then discovery refuses it below).
    type = inferColumnType(raw.designType) ?? (raw.version && raw.designType === undefined ? 'int' : undefined);
    if (!type) throw MetadataError.typeNotInferable(cls, raw.name);
  }
  if (type === 'enum' && !(options.items && options.items.length > 0)) throw MetadataError.badEnum(cls, raw.name);
  if (raw.version && type !== 'int') throw MetadataError.badVersion(cls, raw.name);
  const fallback = options.default;
  if (fallback !== undefined && fallback !== null && !['string', 'boolean'].includes(typeof fallback) && !Number.isFinite(fallback)) {
    throw MetadataError.badDefault(cls, raw.name);
  }

  let generation: KeyGeneration = 'none';
  if (raw.primary) {
    if (type === 'int' || type === 'bigint') generation = 'identity';
    else if (type === 'uuid') generation = 'uuid';
    else if (type !== 'string') throw MetadataError.badPrimaryKeyType(cls, raw.name, type);
  }

  return Object.freeze({
    name: raw.name,
    column: options.column ?? naming.columnName(raw.name),
    type,
    nullable: raw.primary || raw.version ? false : (options.nullable ?? false),
    unique: options.unique ?? false,
    length: options.length ?? (type === 'string' ? 255 : undefined),
    precision: options.precision ?? (type === 'decimal' ? 10 : undefined),
    scale: options.scale ?? (type === 'decimal' ? 2 : undefined),
    items: options.items ? Object.freeze([...options.items]) : undefined,
    default: options.default,
    primary: raw.primary,
    generation,
    version: raw.version,
    index,
  });
}

function resolveIndexes(
  cls: EntityClass,
  table: string,
  chain: readonly RawEntity[],
  properties: readonly PropertyMetadata[],
  byName: ReadonlyMap<string, PropertyMetadata>,
  naming: NamingStrategy,
): IndexMetadata[] {
  const indexes: IndexMetadata[] = [];
  const add = (names: readonly string[], unique: boolean, name?: string) => {
    const columns = names.map((n) => {
      const property = byName.get(n);
      if (!property) throw MetadataError.unknownIndexProperty(cls, n);
      return property.column;
    });
    indexes.push(Object.freeze({ name: name ?? naming.indexName(table, columns, unique), columns, unique }));
  };
  for (const p of properties) if (p.unique && !p.primary) add([p.name], true);
  for (const entry of chain) for (const index of entry.indexes) add(index.properties, index.unique, index.name);
  return indexes;
}

import { MetadataError } from '../errors/metadata-error';
import { inferColumnType, normalizeColumnType, type ColumnType } from './column-type';
import type { EntityClass, EntityMetadata, IndexMetadata } from './entity-metadata';
import { MetadataRegistry, type RawEntity, type RawIndex, type RawProperty, type RawRelation } from './metadata-registry';
import type { NamingStrategy } from './naming-strategy';
import type { KeyGeneration, PropertyMetadata } from './property-metadata';
import { MetadataStorage } from './metadata-storage';
import type { RelationMetadata } from './relation-metadata';
import { resolveRelations } from './relation-discovery';

/** @internal An entity's metadata while discovery fills it in; frozen into `EntityMetadata` at the end. */
export type EntityDraft = { -readonly [K in keyof EntityMetadata]: EntityMetadata[K] } & {
  properties: PropertyMetadata[];
  relations: RelationMetadata[];
  /** What the decorators recorded, dropped once resolved. */
  rawRelations?: readonly RawRelation[];
  rawIndexes?: readonly RawIndex[];
};

/**
 * Resolves what the decorators recorded into frozen `EntityMetadata`, once, at `Orm.init`. Every mistake is a
 * `MetadataError` naming the class and property, so nothing at run time needs to re-check decorators. Columns
 * come first, then relations (which need every entity's primary key), then indexes, then everything is frozen.
 */
export function discoverMetadata(classes: readonly EntityClass[], naming: NamingStrategy, requireEntities = true): MetadataStorage {
  if (classes.length === 0 && requireEntities) throw MetadataError.noEntities();
  const byTable = new Map<string, EntityClass>();
  const drafts = new Map<Function, EntityDraft>();
  for (const cls of classes) {
    const draft = discoverEntity(cls, naming);
    const clash = byTable.get(draft.table);
    if (clash && clash !== cls) throw MetadataError.duplicateTable(draft.table, clash, cls);
    byTable.set(draft.table, cls);
    drafts.set(cls, draft);
  }
  resolveRelations(drafts, naming);
  for (const draft of drafts.values()) finish(draft, naming);
  return new MetadataStorage([...drafts.values()]);
}

function discoverEntity(cls: EntityClass, naming: NamingStrategy): EntityDraft {
  if (typeof cls !== 'function') throw MetadataError.notAnEntity(cls);
  const own = MetadataRegistry.find(cls);
  if (!own?.options) {
    const first = own?.properties.keys().next().value ?? own?.relations.keys().next().value;
    throw first ? MetadataError.propertyOutsideEntity(cls, first) : MetadataError.notAnEntity(cls);
  }
  const table = own.options.table ?? naming.tableName(cls.name);
  const repository = own.options.repository;
  // A class extending another (the repository itself, passed without its thunk) has its parent as prototype.
  if (repository !== undefined && (typeof repository !== 'function' || Object.getPrototypeOf(repository) !== Function.prototype)) {
    throw MetadataError.badRepository(cls);
  }
  const chain = inheritanceChain(cls);

  const raws = new Map<string, RawProperty>();
  const rawRelations = new Map<string, RawRelation>();
  for (const entry of chain) {
    for (const [name, raw] of entry.properties) raws.set(name, raw);
    for (const [name, raw] of entry.relations) rawRelations.set(name, raw);
  }
  for (const name of rawRelations.keys()) if (raws.has(name)) throw MetadataError.relationAndColumn(cls, name);

  const properties: PropertyMetadata[] = [];
  for (const raw of raws.values()) properties.push(resolveProperty(cls, raw, properties.length, naming));

  const primaries = properties.filter((p) => p.primary);
  if (primaries.length === 0) throw MetadataError.missingPrimaryKey(cls);
  if (primaries.length > 1) throw MetadataError.compositePrimaryKey(cls, primaries.map((p) => p.name));
  const versions = properties.filter((p) => p.version);
  if (versions.length > 1) throw MetadataError.badVersion(cls, versions[1].name);

  return {
    class: cls,
    name: cls.name,
    table,
    properties,
    propertiesByName: new Map(),
    primaryKey: primaries[0],
    version: versions[0],
    indexes: [],
    relations: [],
    relationsByName: new Map(),
    toOne: [],
    toMany: [],
    foreignKeys: [],
    pivots: [],
    repository,
    rawRelations: [...rawRelations.values()],
    rawIndexes: chain.flatMap((entry) => entry.indexes),
  };
}

/** Checks column names, resolves indexes (foreign keys get one), derives the lookups, and freezes. */
function finish(draft: EntityDraft, naming: NamingStrategy): void {
  const cls = draft.class;
  const byColumn = new Map<string, string>();
  for (const property of draft.properties) {
    const clash = byColumn.get(property.column);
    if (clash) throw MetadataError.duplicateColumn(cls, property.column, clash, property.name);
    byColumn.set(property.column, property.name);
  }
  for (const property of draft.properties) {
    const from = property.renamedFrom;
    if (from === undefined) continue;
    if (typeof from !== 'string' || from === '' || from === property.column) throw MetadataError.badRenamedFrom(cls, property.name, String(from));
    const clash = byColumn.get(from);
    if (clash) throw MetadataError.renamedFromInUse(cls, property.name, from, clash);
  }
  draft.propertiesByName = new Map(draft.properties.map((p) => [p.name, p]));
  draft.relationsByName = new Map(draft.relations.map((r) => [r.name, r]));
  draft.toOne = Object.freeze(draft.relations.filter((r) => r.property));
  draft.toMany = Object.freeze(draft.relations.filter((r) => r.toMany));
  draft.pivots = Object.freeze(draft.relations.filter((r) => r.kind === 'm:n' && r.owner));
  draft.indexes = Object.freeze(resolveIndexes(cls, draft.table, draft.rawIndexes ?? [], draft.properties, draft.propertiesByName, naming));
  delete draft.rawIndexes;
  delete draft.rawRelations;
  for (const relation of draft.relations) Object.freeze(relation);
  Object.freeze(draft.properties);
  Object.freeze(draft.relations);
  Object.freeze(draft.foreignKeys);
  Object.freeze(draft);
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
    renamedFrom: options.renamedFrom,
    primary: raw.primary,
    generation,
    version: raw.version,
    index,
  });
}

function resolveIndexes(
  cls: EntityClass,
  table: string,
  declared: readonly RawIndex[],
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
  // A foreign key is looked up on every populate and on parent deletes (PostgreSQL does not index it by itself).
  for (const p of properties) if (p.relation && !p.unique) add([p.name], false);
  for (const index of declared) add(index.properties, index.unique, index.name);
  return indexes;
}

import { MetadataError } from '../errors/metadata-error';
import { inferColumnType, normalizeColumnType, type ColumnType } from './column-type';
import type { AuditMetadata, EntityClass, EntityMetadata, IndexMetadata } from './entity-metadata';
import { SOFT_DELETE_FILTER, type FilterMetadata } from './filter-metadata';
import { MetadataRegistry, type AuditedOptions, type RawEntity, type RawIndex, type RawProperty, type RawRelation } from './metadata-registry';
import type { EntityHooks, HookEvent } from './hook-metadata';
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
  rawAudit?: AuditedOptions;
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
  const softDelete = resolveSoftDelete(cls, [...raws.values()], properties);

  return {
    class: cls,
    name: cls.name,
    table,
    changeEvents: own.options.changeEvents === true,
    cacheTtlMs: cacheTtlOf(cls, own.options.cache),
    properties,
    propertiesByName: new Map(),
    primaryKey: primaries[0],
    version: versions[0],
    softDelete,
    filters: resolveFilters(cls, chain),
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
    // The nearest @Audited() wins: a subclass may exclude other properties than its base.
    rawAudit: [...chain].reverse().find((entry) => entry.audit)?.audit,
    hooks: resolveHooks(cls, chain),
  };
}

/**
 * The hooked methods by event, base class's first; a method hooked again by a subclass (or twice) runs once.
 * Names, not functions, so that a subclass overriding a hooked method runs its own version.
 */
function resolveHooks(cls: EntityClass, chain: readonly RawEntity[]): EntityHooks | undefined {
  const hooks: { [E in HookEvent]?: string[] } = {};
  let any = false;
  for (const { hooks: raws } of chain) {
    for (const raw of raws) {
      if (!raw.method || typeof (cls.prototype as Record<string, unknown>)[raw.name] !== 'function') throw MetadataError.hookNotMethod(cls, raw.name, raw.event);
      const names = (hooks[raw.event] ??= []);
      if (!names.includes(raw.name)) names.push(raw.name);
      any = true;
    }
  }
  if (!any) return undefined;
  for (const names of Object.values(hooks)) Object.freeze(names);
  return Object.freeze(hooks);
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
  if (draft.rawAudit) draft.audit = resolveAudit(cls, draft.rawAudit, draft.propertiesByName);
  delete draft.rawIndexes;
  delete draft.rawAudit;
  delete draft.rawRelations;
  for (const relation of draft.relations) Object.freeze(relation);
  Object.freeze(draft.properties);
  Object.freeze(draft.relations);
  Object.freeze(draft.foreignKeys);
  Object.freeze(draft);
}

/** `@Entity({ cache: { ttl } })` in ms: a positive number of seconds, else a MetadataError. */
function cacheTtlOf(cls: EntityClass, cache: { ttl: number } | undefined): number | undefined {
  if (cache === undefined) return undefined;
  const ttl = cache?.ttl;
  if (typeof ttl !== 'number' || !(ttl > 0) || !Number.isFinite(ttl)) throw MetadataError.badCacheTtl(cls, ttl);
  return ttl * 1000;
}

/** The one @SoftDelete() column, if any: a nullable timestamp or date, which `em.remove()` sets. */
function resolveSoftDelete(cls: EntityClass, raws: readonly RawProperty[], properties: readonly PropertyMetadata[]): PropertyMetadata | undefined {
  const marked = raws.filter((r) => r.softDelete).map((r) => r.name);
  if (marked.length === 0) return undefined;
  if (marked.length > 1) throw MetadataError.severalSoftDeletes(cls, marked);
  const property = properties.find((p) => p.name === marked[0]) as PropertyMetadata;
  if (property.type !== 'timestamp' && property.type !== 'date') throw MetadataError.badSoftDeleteType(cls, property.name, property.type);
  if (!property.nullable) throw MetadataError.softDeleteNotNullable(cls, property.name);
  return property;
}

/** The @Filter()s of the class and its ancestors; a subclass's filter replaces an ancestor's of the same name. */
function resolveFilters(cls: EntityClass, chain: readonly RawEntity[]): FilterMetadata[] {
  const byName = new Map<string, FilterMetadata>();
  for (const entry of chain) {
    const own = new Set<string>();
    for (const filter of entry.filters) {
      if (typeof filter.name !== 'string' || filter.name === '' || filter.name === SOFT_DELETE_FILTER) throw MetadataError.badFilterName(cls, filter.name);
      if (own.has(filter.name)) throw MetadataError.duplicateFilter(cls, filter.name);
      const cond: unknown = filter.cond;
      if (typeof cond !== 'function' && (typeof cond !== 'object' || cond === null || Array.isArray(cond))) throw MetadataError.badFilterCondition(cls, filter.name);
      own.add(filter.name);
      byName.set(filter.name, Object.freeze({ ...filter }));
    }
  }
  return Object.freeze([...byName.values()]) as FilterMetadata[];
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
    // `Date | null` has no design type to read: a soft-delete column is a timestamp unless declared otherwise.
    type = inferColumnType(raw.designType) ?? (raw.version && raw.designType === undefined ? 'int' : raw.softDelete ? 'timestamp' : undefined);
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
    // A soft-delete column is NULL until the row is removed: nullable unless the user says otherwise (an error then).
    nullable: raw.primary || raw.version ? false : (options.nullable ?? raw.softDelete === true),
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

/** The excluded names must be column properties (a to-one relation's included): a typo would leak the value. */
function resolveAudit(cls: EntityClass, raw: AuditedOptions, byName: ReadonlyMap<string, PropertyMetadata>): AuditMetadata {
  const exclude = [...(raw.exclude ?? [])];
  for (const name of exclude) if (typeof name !== 'string' || !byName.has(name)) throw MetadataError.unknownAuditedProperty(cls, String(name));
  return Object.freeze({ exclude: Object.freeze(exclude) });
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

import { MetadataError } from '../errors/metadata-error';
import type { EntityDraft } from './metadata-discovery';
import type { RawRelation } from './metadata-registry';
import type { NamingStrategy } from './naming-strategy';
import type { PropertyMetadata } from './property-metadata';
import type { ForeignKeyMetadata, PivotMetadata, RelationKind, RelationMetadata } from './relation-metadata';

type Draft = { -readonly [K in keyof RelationMetadata]: RelationMetadata[K] };

/** What each kind expects its other side to be. */
const COUNTERPART: Readonly<Record<RelationKind, RelationKind>> = { 'm:1': '1:m', '1:m': 'm:1', '1:1': '1:1', 'm:n': 'm:n' };
const DESCRIBED: Readonly<Record<RelationKind, string>> = {
  'm:1': 'a @ManyToOne',
  '1:m': 'a @OneToMany',
  '1:1': 'a @OneToOne',
  'm:n': 'a @ManyToMany',
};

/**
 * @internal Resolves every relation once all entities' columns are known: targets, owning sides, inverse
 * sides (checked in both directions), foreign-key columns (appended to the owner's properties), foreign keys
 * and pivot tables. A relation whose other side is missing or disagrees is a `MetadataError` naming both.
 */
export function resolveRelations(drafts: ReadonlyMap<Function, EntityDraft>, naming: NamingStrategy): void {
  const resolved = new Map<Draft, RawRelation>();
  for (const draft of drafts.values()) {
    for (const raw of draft.rawRelations ?? []) {
      const relation = resolveOne(draft, raw, drafts);
      draft.relations.push(relation as RelationMetadata);
      resolved.set(relation, raw);
    }
  }
  for (const relation of resolved.keys()) linkInverse(relation);
  for (const [relation, raw] of resolved) {
    if (relation.owner && !relation.toMany) addForeignKey(relation, raw, naming);
    if (relation.kind === 'm:n' && relation.owner) relation.pivot = pivotOf(relation, raw, naming);
  }
  // The inverse side of a many-to-many sees the owner's pivot from the other end.
  for (const relation of resolved.keys()) {
    if (relation.kind !== 'm:n' || relation.owner) continue;
    const pivot = findDraft(relation.target, relation.inverse)?.pivot as PivotMetadata;
    relation.pivot = Object.freeze({ table: pivot.table, sourceColumn: pivot.targetColumn, targetColumn: pivot.sourceColumn });
  }
}

function resolveOne(draft: EntityDraft, raw: RawRelation, drafts: ReadonlyMap<Function, EntityDraft>): Draft {
  const cls = draft.class;
  const targetClass = raw.target();
  const target = drafts.get(targetClass);
  if (!target) throw MetadataError.relationTarget(cls, raw.name, targetClass);
  const { options } = raw;
  const inverse = raw.inverse ? inverseName(draft, raw) : undefined;
  const toMany = raw.kind === '1:m' || raw.kind === 'm:n';
  let owner = raw.kind === 'm:1';
  if (raw.kind === '1:1' || raw.kind === 'm:n') owner = options.owner ?? inverse === undefined;
  if (options.owner !== undefined && (raw.kind === 'm:1' || raw.kind === '1:m')) throw MetadataError.badRelationOption(cls, raw.name, 'owner');
  if (options.orphanRemoval && raw.kind !== '1:m') throw MetadataError.badRelationOption(cls, raw.name, 'orphanRemoval');
  if (options.nullable !== undefined && toMany) throw MetadataError.badRelationOption(cls, raw.name, 'nullable');
  if (options.ref && toMany) throw MetadataError.badRelationOption(cls, raw.name, 'ref');
  const cascade = [...(options.cascade ?? ['persist'])];
  // An orphan is deleted, so is every child of a deleted parent.
  if (options.orphanRemoval && !cascade.includes('remove')) cascade.push('remove');
  return {
    name: raw.name,
    kind: raw.kind,
    source: draft,
    target,
    owner,
    inverse,
    nullable: options.nullable ?? false,
    ref: options.ref ?? false,
    cascade: Object.freeze(cascade),
    orphanRemoval: options.orphanRemoval ?? false,
    toMany,
    property: undefined,
    pivot: undefined,
  };
}

/** `(book) => book.author` evaluated on a recorder: the property it reads is the inverse side's name. */
function inverseName(draft: EntityDraft, raw: RawRelation): string {
  const recorder = new Proxy({}, { get: (_, key) => key });
  let name: unknown;
  try {
    name = (raw.inverse as (t: unknown) => unknown)(recorder);
  } catch {
    name = undefined;
  }
  if (typeof name !== 'string') throw MetadataError.badInverse(draft.class, raw.name);
  return name;
}

/**
 * Checks that a relation and the side it names agree (kind, target, exactly one owner), and records the inverse
 * on an owning side that did not name it (`@ManyToOne` never does).
 */
function linkInverse(relation: Draft): void {
  if (relation.inverse === undefined) return;
  const source = relation.source;
  const other = findDraft(relation.target, relation.inverse);
  const expected = COUNTERPART[relation.kind];
  if (!other || other.kind !== expected || !isSameOrAncestor(other.target.class, source.class)) {
    throw MetadataError.missingInverse(source.class, relation.name, relation.target.class, relation.inverse, DESCRIBED[expected]);
  }
  if (relation.kind === '1:1' || relation.kind === 'm:n') {
    if (other.inverse !== undefined && other.inverse !== relation.name) {
      throw MetadataError.missingInverse(source.class, relation.name, relation.target.class, relation.inverse, DESCRIBED[expected]);
    }
    if (other.owner === relation.owner) {
      throw MetadataError.ownerConflict(source.class, relation.name, relation.target.class, relation.inverse, relation.owner);
    }
  }
  (other as Draft).inverse = relation.name;
}

function findDraft(target: EntityDraft | RelationMetadata['target'], name: string | undefined): Draft | undefined {
  return (target.relations as Draft[]).find((r) => r.name === name);
}

/** Whether `base` is `cls` or one of its ancestors (a relation may point at a base class). */
function isSameOrAncestor(base: Function, cls: Function): boolean {
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) if (c === base) return true;
  return false;
}

/** The owning to-one's foreign-key column: a property of the target's key type, whose value is the target. */
function addForeignKey(relation: Draft, { options }: RawRelation, naming: NamingStrategy): void {
  const source = relation.source as EntityDraft;
  const key = relation.target.primaryKey;
  const column: PropertyMetadata = Object.freeze({
    name: relation.name,
    column: options.joinColumn ?? naming.joinColumnName(relation.name, key.column),
    type: key.type,
    nullable: relation.nullable,
    unique: relation.kind === '1:1',
    length: key.length,
    precision: key.precision,
    scale: key.scale,
    items: undefined,
    default: undefined,
    primary: false,
    generation: 'none',
    version: false,
    index: source.properties.length,
    relation: relation as RelationMetadata,
  });
  source.properties.push(column);
  relation.property = column;
  const foreignKey: ForeignKeyMetadata = Object.freeze({
    name: naming.foreignKeyName(source.table, column.column),
    column,
    target: relation.target,
    onDelete: options.onDelete ?? 'no action',
  });
  (source.foreignKeys as ForeignKeyMetadata[]).push(foreignKey);
}

function pivotOf(relation: Draft, { options }: RawRelation, naming: NamingStrategy): PivotMetadata {
  const source = relation.source;
  const target = relation.target;
  // Named after the entities rather than their tables (`books` → `book_id`); a self-reference needs two names.
  const sourceEntity = naming.tableName(source.name);
  const targetEntity = naming.tableName(target.name);
  const self = source === target;
  const sourceName = options.joinColumn ?? naming.pivotColumnName(self ? `${sourceEntity}_1` : sourceEntity, source.primaryKey.column);
  const targetName = options.inverseJoinColumn ?? naming.pivotColumnName(self ? `${targetEntity}_2` : targetEntity, target.primaryKey.column);
  return Object.freeze({
    table: options.pivotTable ?? naming.pivotTableName(sourceEntity, relation.name),
    sourceColumn: pivotColumn(sourceName, source.primaryKey, 0),
    targetColumn: pivotColumn(targetName, target.primaryKey, 1),
  });
}

function pivotColumn(name: string, key: PropertyMetadata, index: number): PropertyMetadata {
  return Object.freeze({ ...key, name, column: name, primary: true, generation: 'none', version: false, nullable: false, unique: false, index, relation: undefined, renamedFrom: undefined });
}

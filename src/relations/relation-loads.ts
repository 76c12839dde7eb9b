import { relationSlot } from '../metadata/entity-link';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import type { StatementOrigin } from '../query/compiler/statement-origin';
import type { ReadFilters } from '../query/read-filter';
import { buildPivotLoad, buildSelectWhereIn, OWNER_KEY_ALIAS } from '../query/relation-query';
import { isCollection, type CollectionInternals } from './collection';
import type { EntityLoader } from './entity-loader';
import { Reference, unwrapReference } from './reference';

type Bag = Record<string | symbol, unknown>;

/**
 * Loads `relation` for every entity of `owners` that lacks it, one select-in per chunk of keys (never one per
 * entity), through `loader`; returns the related entities (loaded or not before). An unloaded collection keeps
 * the items added and removed meanwhile.
 */
export function loadRelation(
  loader: EntityLoader,
  relation: RelationMetadata,
  owners: readonly object[],
  filters: ReadFilters,
  origin?: StatementOrigin,
): Promise<object[]> {
  if (relation.property) return loadToOne(loader, relation, owners, filters, origin);
  if (relation.kind === '1:1') return loadInverseOne(loader, relation, owners, filters, origin);
  return loadToMany(loader, relation, owners, filters, origin);
}

async function loadToOne(loader: EntityLoader, relation: RelationMetadata, owners: readonly object[], filters: ReadFilters, origin?: StatementOrigin): Promise<object[]> {
  const targets = new Set<object>();
  // A one-to-one's target learns its owner too (its inverse side is this row's key).
  const back = relation.kind === '1:1' && relation.inverse !== undefined ? relation.target.relationsByName.get(relation.inverse) : undefined;
  const inverse = back ? relationSlot(back.name) : undefined;
  for (const owner of owners) {
    const target = unwrapReference((owner as Bag)[relation.name]);
    if (!target) continue;
    targets.add(target);
    if (inverse && (target as Bag)[inverse] === undefined) (target as Bag)[inverse] = back?.ref ? new Reference(owner, loader, back) : owner;
  }
  await loader.complete(relation.target, [...targets], filters, origin);
  // A target the filters hide stays a stub: not a level to populate further.
  return [...targets].filter((t) => loader.isLoaded(t));
}

/** The inverse side of a one-to-one: the rows whose foreign key points at the owners. */
async function loadInverseOne(
  loader: EntityLoader,
  relation: RelationMetadata,
  owners: readonly object[],
  filters: ReadFilters,
  origin?: StatementOrigin,
): Promise<object[]> {
  const slot = relationSlot(relation.name);
  const waiting = owners.filter((o) => (o as Bag)[slot] === undefined);
  const column = relation.target.relationsByName.get(relation.inverse as string)?.property as PropertyMetadata;
  const found = new Set<object>();
  const condition = loader.conditionOf(relation.target, filters);
  const build = (chunk: readonly unknown[]) => buildSelectWhereIn(relation.target, column, chunk, condition);
  const each = (row: Record<string, unknown>) => {
    const target = loader.merge(relation.target, row);
    const owner = unwrapReference((target as Bag)[column.name]);
    if (owner && (owner as Bag)[slot] === undefined) (owner as Bag)[slot] = relation.ref ? new Reference(target, loader, relation) : target;
    found.add(target);
  };
  await loader.selectIn(loader.keysOf(relation.source, waiting), build, each, origin);
  for (const owner of waiting) if ((owner as Bag)[slot] === undefined) (owner as Bag)[slot] = null;
  for (const owner of owners) {
    const target = unwrapReference((owner as Bag)[slot]);
    if (target) found.add(target);
  }
  return [...found];
}

async function loadToMany(loader: EntityLoader, relation: RelationMetadata, owners: readonly object[], filters: ReadFilters, origin?: StatementOrigin): Promise<object[]> {
  const unloaded = owners.filter((o) => {
    const collection = (o as Bag)[relation.name];
    return isCollection(collection) && !collection.initialized;
  });
  const items = new Map<object, object[]>(unloaded.map((o) => [o, []]));
  const keys = loader.keysOf(relation.source, unloaded);
  const condition = loader.conditionOf(relation.target, filters);
  if (relation.kind === 'm:n') {
    const byKey = new Map(unloaded.map((o) => [(o as Bag)[relation.source.primaryKey.name], o]));
    await loader.selectIn(keys, (chunk) => buildPivotLoad(relation, chunk, condition), (row) => {
      const target = loader.merge(relation.target, row);
      const owner = byKey.get(loader.keyFromDb(relation.source, row[OWNER_KEY_ALIAS]));
      if (owner) items.get(owner)?.push(target);
    }, origin);
  } else {
    const column = relation.target.relationsByName.get(relation.inverse as string)?.property as PropertyMetadata;
    await loader.selectIn(keys, (chunk) => buildSelectWhereIn(relation.target, column, chunk, condition), (row) => {
      const child = loader.merge(relation.target, row);
      // An unflushed move to another parent wins over the row.
      const owner = unwrapReference((child as Bag)[column.name]);
      if (owner) items.get(owner)?.push(child);
    }, origin);
  }
  for (const [owner, loaded] of items) ((owner as Bag)[relation.name] as CollectionInternals).hydrate(loaded);
  const related = new Set<object>();
  for (const owner of owners) {
    const collection = (owner as Bag)[relation.name];
    if (isCollection(collection) && collection.initialized) for (const item of collection.known) related.add(item);
  }
  return [...related];
}

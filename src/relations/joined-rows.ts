import type { Row } from '../mapper/entity-mapper';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { relationSlot } from '../metadata/entity-link';
import type { JoinedTable } from '../query/joined-query';
import { isCollection, type CollectionInternals } from './collection';
import { Reference, unwrapReference } from './reference';

type Bag = Record<string | symbol, unknown>;

/** Merges one table's columns of a joined row (read under `prefix`) into the identity map. */
export type PrefixedMerge = (meta: EntityMetadata, row: Row, prefix: string) => object;

/**
 * Turns the rows of a joined load into managed entities: a row repeats its root once per joined child, so
 * each table's part is merged through the identity map (one instance per key), children are gathered per parent
 * without duplicates, and collections that were not loaded are filled once all rows are read. Returns the
 * roots in the order of their first row.
 */
export function mergeJoinedRows(rows: readonly Row[], root: JoinedTable, merge: PrefixedMerge): object[] {
  const roots: object[] = [];
  const seen = new Set<object>();
  const gathered = new Map<JoinedTable, Map<object, Set<object>>>();
  const visit = (table: JoinedTable, parent: object, row: Row) => {
    const relation = table.relation;
    if (!relation) return;
    let byParent = gathered.get(table);
    if (!byParent) gathered.set(table, (byParent = new Map()));
    let items = byParent.get(parent);
    if (!items) byParent.set(parent, (items = new Set()));
    if (row[table.prefix + table.meta.primaryKey.column] == null) return;
    const entity = merge(table.meta, row, table.prefix);
    items.add(entity);
    for (const child of table.children) visit(child, entity, row);
  };
  for (const row of rows) {
    const entity = merge(root.meta, row, root.prefix);
    if (!seen.has(entity)) {
      seen.add(entity);
      roots.push(entity);
    }
    for (const child of root.children) visit(child, entity, row);
  }
  for (const [table, byParent] of gathered) attach(table, byParent);
  return roots;
}

/** Hands each parent what was gathered for it, never replacing what is already in memory. */
function attach(table: JoinedTable, byParent: Map<object, Set<object>>): void {
  const relation = table.relation as NonNullable<JoinedTable['relation']>;
  if (relation.property) {
    // The parent's foreign key already points at the (now loaded) instance; a one-to-one's target learns its owner.
    const back = relation.kind === '1:1' && relation.inverse !== undefined ? table.meta.relationsByName.get(relation.inverse) : undefined;
    if (!back) return;
    for (const [parent, items] of byParent) {
      for (const target of items) if ((target as Bag)[relationSlot(back.name)] === undefined) (target as Bag)[relationSlot(back.name)] = back.ref ? new Reference(parent) : parent;
    }
    return;
  }
  for (const [parent, items] of byParent) {
    if (!relation.toMany) {
      const slot = relationSlot(relation.name);
      const [target] = items;
      if ((parent as Bag)[slot] === undefined) (parent as Bag)[slot] = target ? (relation.ref ? new Reference(target) : target) : null;
      continue;
    }
    const collection = (parent as Bag)[relation.name];
    if (!isCollection(collection) || collection.initialized) continue;
    // An unflushed move of a child to another parent wins over the row.
    const mine = relation.kind === '1:m' ? [...items].filter((i) => unwrapReference((i as Bag)[relation.inverse as string]) === parent) : [...items];
    (collection as CollectionInternals).hydrate(mine);
  }
}

import { QueryError } from '../errors/query-error';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
import type { ReadFilters } from '../query/read-filter';
import type { EntityLoader } from './entity-loader';

/** Populate paths as a tree of relations: `['books', 'books.tags']` → books → tags. */
export interface PopulateNode {
  readonly relation: RelationMetadata;
  readonly children: readonly PopulateNode[];
}

/** Resolves `paths` against the metadata; an unknown name is a `QueryError` before any SQL is sent. */
export function populateTree(meta: EntityMetadata, paths: readonly string[]): PopulateNode[] {
  const roots = new Map<string, { relation: RelationMetadata; children: Map<string, unknown> }>();
  for (const path of paths) {
    let level = roots;
    let current = meta;
    for (const name of path.split('.')) {
      const relation = current.relationsByName.get(name);
      if (!relation) throw QueryError.unknownRelation(current.class, path);
      let node = level.get(name);
      if (!node) level.set(name, (node = { relation, children: new Map() }));
      level = node.children as typeof roots;
      current = relation.target;
    }
  }
  const freeze = (level: typeof roots): PopulateNode[] =>
    [...level.values()].map((n) => ({ relation: n.relation, children: freeze(n.children as typeof roots) }));
  return freeze(roots);
}

/**
 * Select-in loading: one query per relation of the tree for all of `entities` at that level (chunked), under the
 * read's filters (the EntityManager's when none are given).
 */
export async function populate(loader: EntityLoader, entities: readonly object[], tree: readonly PopulateNode[], filters?: ReadFilters): Promise<void> {
  if (entities.length === 0) return;
  for (const node of tree) {
    const related = await loader.loadRelation(node.relation, entities, filters);
    if (node.children.length > 0) await populate(loader, related, node.children, filters);
  }
}

/** Computes the filters' condition of every entity of the tree, so a missing parameter fails before any SQL. */
export function checkFilters(tree: readonly PopulateNode[], filters: ReadFilters): void {
  for (const node of tree) {
    filters.conditionOf(node.relation.target);
    checkFilters(node.children, filters);
  }
}

import { QueryError } from '../errors/query-error';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { RelationMetadata } from '../metadata/relation-metadata';
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

/** Select-in loading: one query per relation of the tree for all of `entities` at that level (chunked). */
export async function populate(loader: EntityLoader, entities: readonly object[], tree: readonly PopulateNode[]): Promise<void> {
  if (entities.length === 0) return;
  for (const node of tree) {
    const related = await loader.loadRelation(node.relation, entities);
    if (node.children.length > 0) await populate(loader, related, node.children);
  }
}

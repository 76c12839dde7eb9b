import { QueryError } from '../../errors/query-error';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';

/** One table of a builder's FROM or JOIN: its alias and entity. */
export interface ScopeEntry {
  readonly alias: string;
  readonly meta: EntityMetadata;
}

/** A column reference `'alias.property'` (or a bare root property) resolved against the scope. */
export interface ResolvedColumn {
  readonly entry: ScopeEntry;
  readonly property: PropertyMetadata;
}

/**
 * @internal The aliases a query builder knows, root first. Immutable: a join returns a new scope, so builders
 * sharing a prefix never see each other's aliases. Every name is checked here, before any SQL exists.
 */
export class QueryScope {
  private constructor(private readonly entries: readonly ScopeEntry[]) {}

  static root(meta: EntityMetadata, alias: string): QueryScope {
    if (alias.includes('\0')) throw QueryError.nulInIdentifier(alias);
    return new QueryScope(Object.freeze([Object.freeze({ alias, meta })]));
  }

  get root(): ScopeEntry {
    return this.entries[0];
  }

  with(alias: string, meta: EntityMetadata): QueryScope {
    if (this.entries.some((e) => e.alias === alias)) throw QueryError.duplicateAlias(alias);
    if (alias.includes('\0')) throw QueryError.nulInIdentifier(alias);
    return new QueryScope(Object.freeze([...this.entries, Object.freeze({ alias, meta })]));
  }

  entry(alias: string): ScopeEntry {
    // A loop rather than find(): this runs for every column reference a builder resolves.
    for (const entry of this.entries) if (entry.alias === alias) return entry;
    throw QueryError.unknownAlias(alias, this.entries.map((e) => e.alias));
  }

  /** Splits `'a.name'` into its entry and property name; a name without a dot belongs to the root. */
  split(ref: string): { entry: ScopeEntry; name: string } {
    const dot = ref.indexOf('.');
    if (dot < 0) return { entry: this.root, name: ref };
    return { entry: this.entry(ref.slice(0, dot)), name: ref.slice(dot + 1) };
  }

  /** A column property (a scalar or a foreign key), never a collection. */
  column(ref: string): ResolvedColumn {
    const { entry, name } = this.split(ref);
    const property = entry.meta.propertiesByName.get(name);
    if (!property) throw QueryError.unknownColumn(entry.meta.class, entry.alias, name);
    return { entry, property };
  }
}

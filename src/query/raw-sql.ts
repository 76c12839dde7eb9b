import { QueryError } from '../errors/query-error';
import { IdentifierNode } from './nodes/identifier-node';
import type { OperationNode } from './nodes/operation-node';
import { RawNode } from './nodes/raw-node';
import { ValueNode } from './nodes/value-node';

/**
 * A piece of raw SQL: text written by the programmer plus values that are always bound as parameters.
 * Built by the `sql` tag, `raw()` or `ident()`; interpolated into `em.sql` (or another `sql` fragment) it is
 * spliced in as SQL, with its placeholders renumbered for the dialect.
 */
export class SqlFragment {
  /** @internal */
  constructor(readonly node: OperationNode) {}
}

/** The node for one interpolated value: a fragment is spliced in, anything else is bound. */
function nodeOf(value: unknown): OperationNode {
  return value instanceof SqlFragment ? value.node : ValueNode.create(value);
}

/** @internal The node of a template: every `${value}` a bound parameter or a nested fragment. */
export function templateNode(strings: readonly string[], values: readonly unknown[]): RawNode {
  return RawNode.create(strings, values.map(nodeOf));
}

/**
 * A raw SQL fragment from text with `?` marks, one per parameter (each bound, never spliced). A `?` cannot be
 * escaped: put SQL that needs a literal `?` (PostgreSQL's JSON operators) in a template string instead.
 * @example
 * const adult = raw('age >= ?', [18]);
 * await em.sql`select name from authors where ${adult}`;
 */
export function raw(text: string, params: readonly unknown[] = []): SqlFragment {
  const fragments = text.split('?');
  if (fragments.length !== params.length + 1) throw QueryError.rawParameterCount(fragments.length - 1, params.length);
  return new SqlFragment(RawNode.create(fragments, params.map((p) => ValueNode.create(p))));
}

/**
 * A table, column or alias name for raw SQL, quoted by the dialect (`"name"`, or `` `name` `` on MySQL), so
 * no name can end the identifier early.
 * @example
 * await em.sql`select count(*) as n from ${ident('authors')}`;
 */
export function ident(name: string): SqlFragment {
  if (typeof name !== 'string' || name.length === 0) throw QueryError.badIdentifier(name);
  if (name.includes('\0')) throw QueryError.nulInIdentifier(name);
  return new SqlFragment(IdentifierNode.create(name));
}

/** The `sql` tag: builds a fragment to interpolate into `em.sql`; `sql.id` is `ident`. */
export interface SqlTag {
  (strings: TemplateStringsArray, ...values: unknown[]): SqlFragment;
  /** A dialect-quoted identifier, as `ident(name)`. */
  id(name: string): SqlFragment;
}

/**
 * Builds a reusable raw SQL fragment; every `${value}` is bound (fragments and identifiers are spliced).
 * @example
 * const recent = sql`created_at > ${since} and ${sql.id('age')} >= ${18}`;
 * await em.sql`select * from authors where ${recent}`;
 */
export const sql: SqlTag = Object.assign((strings: TemplateStringsArray, ...values: unknown[]) => new SqlFragment(templateNode(strings, values)), {
  id: ident,
});

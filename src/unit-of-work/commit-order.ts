import { CommitOrderError } from '../errors/commit-order-error';

/**
 * Commit order as a pure graph problem (it knows nodes and edges, not entities or tables).
 *
 * An edge `from → to` says `from` must be written before `to` (a parent row before the child that references
 * it). An optional edge (a nullable foreign key) may be broken to resolve a cycle: the child is then inserted
 * with NULL and updated once the parent exists. A cycle made only of required edges cannot be ordered.
 *
 * Algorithm: Kahn's — repeatedly emit the nodes (in input order, so the result is stable) that have no
 * unemitted dependency. When every remaining node waits on another, the remaining graph has a cycle: break the
 * first optional edge that lies on a cycle (its source is reachable from its target) and go on; with none,
 * throw. Nodes merely downstream of a cycle keep their edges. O((nodes + edges) · (breaks + 1) · optional edges).
 */
export interface CommitOrderEdge<N> {
  readonly from: N;
  readonly to: N;
  readonly optional: boolean;
}

export interface CommitOrder<N> {
  /** Every node, dependencies first. */
  readonly order: N[];
  /** Optional edges that were broken to resolve cycles. */
  readonly broken: CommitOrderEdge<N>[];
}

/**
 * Orders `nodes` so that every edge's `from` precedes its `to`, breaking optional edges on cycles.
 * Throws `CommitOrderError` (carrying the remaining nodes, named by `name`) when only required edges remain.
 */
export function commitOrder<N>(
  nodes: readonly N[],
  edges: readonly CommitOrderEdge<N>[],
  name: (node: N) => string = String,
): CommitOrder<N> {
  const known = new Set(nodes);
  // A self-reference orders rows within one node, not nodes, and edges to unknown nodes constrain nothing.
  let pending = edges.filter((e) => e.from !== e.to && known.has(e.from) && known.has(e.to));
  const remaining = new Set(nodes);
  const order: N[] = [];
  const broken: CommitOrderEdge<N>[] = [];

  while (remaining.size > 0) {
    const waiting = new Set<N>();
    for (const edge of pending) if (remaining.has(edge.from)) waiting.add(edge.to);
    const ready = [...remaining].filter((n) => !waiting.has(n));
    if (ready.length > 0) {
      for (const node of ready) {
        order.push(node);
        remaining.delete(node);
      }
      continue;
    }
    const live = pending.filter((e) => remaining.has(e.from) && remaining.has(e.to));
    const breakable = live.find((e) => e.optional && reaches(e.to, e.from, live));
    if (!breakable) throw CommitOrderError.cycle([...remaining], name);
    broken.push(breakable);
    pending = pending.filter((e) => e !== breakable);
  }
  return { order, broken };
}

/** Whether `target` can be reached from `start` along `edges`. */
function reaches<N>(start: N, target: N, edges: readonly CommitOrderEdge<N>[]): boolean {
  const seen = new Set<N>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop() as N;
    if (node === target) return true;
    for (const e of edges) {
      if (e.from === node && !seen.has(e.to)) {
        seen.add(e.to);
        stack.push(e.to);
      }
    }
  }
  return false;
}

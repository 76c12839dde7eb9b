import { CommitOrderError } from '../../../src';
import { commitOrder, type CommitOrderEdge } from '../../../src/unit-of-work/commit-order';

const required = (from: string, to: string): CommitOrderEdge<string> => ({ from, to, optional: false });
const optional = (from: string, to: string): CommitOrderEdge<string> => ({ from, to, optional: true });

/** The required edges whose `from` does not come before their `to` in `order` (none, when the order is valid). */
function violatedRequiredEdges(order: readonly string[], edges: readonly CommitOrderEdge<string>[]): string[] {
  return edges
    .filter((e) => !e.optional && e.from !== e.to && !(order.indexOf(e.from) < order.indexOf(e.to)))
    .map((e) => `${e.from} -> ${e.to}`);
}

describe('commitOrder', () => {
  it('orders a linear chain parents first, whatever the input order', () => {
    const edges = [required('author', 'book'), required('book', 'chapter')];

    const result = commitOrder(['chapter', 'book', 'author'], edges);

    expect(result).toEqual({ order: ['author', 'book', 'chapter'], broken: [] });
  });

  it('orders a diamond so the shared child comes after both parents', () => {
    const edges = [required('a', 'b'), required('a', 'c'), required('b', 'd'), required('c', 'd')];

    const { order, broken } = commitOrder(['d', 'c', 'b', 'a'], edges);

    expect(order).toEqual(['a', 'c', 'b', 'd']);
    expect(broken).toEqual([]);
    expect(violatedRequiredEdges(order, edges)).toEqual([]);
  });

  it('keeps the input order of independent nodes', () => {
    expect(commitOrder(['z', 'a', 'm', 'b'], []).order).toEqual(['z', 'a', 'm', 'b']);
  });

  it('keeps input order among nodes that become ready together', () => {
    const edges = [required('root', 'y'), required('root', 'x')];

    expect(commitOrder(['y', 'x', 'root', 'w'], edges).order).toEqual(['root', 'w', 'y', 'x']);
  });

  it('handles no nodes', () => {
    expect(commitOrder([], [])).toEqual({ order: [], broken: [] });
  });

  it('breaks a cycle through an optional edge and reports the broken edge', () => {
    // author.favouriteBook is nullable (optional); book.author is required.
    const bookToAuthor = optional('book', 'author');
    const edges = [required('author', 'book'), bookToAuthor];

    const { order, broken } = commitOrder(['book', 'author'], edges);

    expect(order).toEqual(['author', 'book']);
    expect(broken).toEqual([bookToAuthor]);
    expect(broken[0]).toBe(bookToAuthor);
  });

  it('ignores a self-edge, even a required one', () => {
    const { order, broken } = commitOrder(['category', 'product'], [required('category', 'category'), required('category', 'product')]);

    expect(order).toEqual(['category', 'product']);
    expect(broken).toEqual([]);
  });

  it('ignores edges that name unknown nodes', () => {
    expect(commitOrder(['b', 'a'], [required('ghost', 'a'), required('b', 'ghost')]).order).toEqual(['b', 'a']);
  });

  it('throws CommitOrderError carrying the nodes of a cycle made only of required edges', () => {
    const edges = [required('ready', 'a'), required('a', 'b'), required('b', 'c'), required('c', 'a')];

    let thrown: unknown;
    try {
      commitOrder(['a', 'b', 'c', 'ready'], edges);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(CommitOrderError);
    const cycle = thrown as CommitOrderError<string>;
    expect([...cycle.nodes].sort()).toEqual(['a', 'b', 'c']);
    expect(cycle.nodes).not.toContain('ready');
    expect(cycle.message).toMatch(/^Cannot order the flush: a, b, c reference each other through non-nullable foreign keys only/);
  });

  it('throws CommitOrderError when a required cycle remains after its optional edges are broken', () => {
    const edges = [required('a', 'b'), required('b', 'a'), optional('b', 'c'), required('c', 'b')];

    expect(() => commitOrder(['a', 'b', 'c'], edges)).toThrow(CommitOrderError);
  });

  it('respects every required edge when the optional edge of the cycle is listed last', () => {
    const late = optional('e', 'a');
    const edges = [
      required('a', 'b'),
      required('b', 'c'),
      required('c', 'd'),
      required('d', 'e'),
      required('x', 'c'),
      required('e', 'y'),
      late,
    ];

    const { order, broken } = commitOrder(['y', 'e', 'd', 'c', 'b', 'a', 'x'], edges);

    expect(order).toHaveLength(7);
    expect(new Set(order).size).toBe(7);
    expect(violatedRequiredEdges(order, edges)).toEqual([]);
    expect(broken).toEqual([late]);
  });

  it('resolves two cycles sharing a node, breaking one optional edge each', () => {
    const edges = [
      required('a', 'b'),
      optional('b', 'a'),
      required('b', 'c'),
      required('c', 'd'),
      optional('d', 'b'),
    ];

    const { order, broken } = commitOrder(['d', 'c', 'b', 'a'], edges);

    expect(violatedRequiredEdges(order, edges)).toEqual([]);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(broken).toHaveLength(2);
    expect(broken.every((e) => e.optional)).toBe(true);
  });

  // Regression, fixed in e76771f: with no node ready, the first optional edge between *remaining* nodes was
  // broken, and those include nodes downstream of the cycle: here `dependent -> leaf`, on no cycle, was broken
  // first (an avoidable insert with NULL and a later UPDATE).
  it('breaks only optional edges that lie on a cycle (regression: it broke an edge downstream of the cycle)', () => {
    const offCycle = optional('dependent', 'leaf');
    const onCycle = optional('b', 'a');
    const edges = [offCycle, required('a', 'b'), onCycle, required('b', 'dependent')];

    const { order, broken } = commitOrder(['leaf', 'dependent', 'b', 'a'], edges);

    expect(broken).toEqual([onCycle]);
    expect(order).toEqual(['a', 'b', 'dependent', 'leaf']);
  });
});

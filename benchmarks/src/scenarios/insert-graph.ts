import { measure } from '../stopwatch';
import { expectSavedGraph, readGraph } from './graph-checks';
import type { Scenario } from './scenario';

export const insertGraph: Scenario = {
  id: 'S7',
  title: 'insert 1,000 authors + 10,000 books (cascade, one flush)',
  timed: 'creating every author and book, attaching the books to their authors, and the flush',
  async run({ graphTables, graph, contender }) {
    await graphTables.reset();
    const { ms, value: reader } = await measure(() => contender.insertGraph(graph.authors));

    const saved = readGraph(reader, this.id, contender.name);
    const counts = await graphTables.counts();
    const stored = await graphTables.booksWithAuthors();
    expectSavedGraph(saved, graph.authors, counts, stored, this.id, contender.name);
    return ms;
  },
};

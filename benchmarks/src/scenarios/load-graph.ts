import { measure } from '../stopwatch';
import { expectLoadedGraph, readGraph } from './graph-checks';
import type { Scenario } from './scenario';

export const loadGraph: Scenario = {
  id: 'S6',
  title: 'load 1,000 authors → books → tags (fresh context)',
  timed: 'opening a fresh context and loading every author with its 10 books and their 2 tags each populated',
  async run({ graphTables, graph, contender }) {
    await graphTables.reset();
    const seeded = await graphTables.seed(graph);
    const { ms, value: reader } = await measure(() => contender.loadGraph());

    expectLoadedGraph(readGraph(reader, this.id, contender.name), graph, seeded, this.id, contender.name);
    return ms;
  },
};

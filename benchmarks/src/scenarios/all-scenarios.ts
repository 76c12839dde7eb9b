import { compileReport } from './compile-report';
import { concurrentRequests } from './concurrent-requests';
import { findById } from './find-by-id';
import { insertGraph } from './insert-graph';
import { insertMany } from './insert-many';
import { largeFlush } from './large-flush';
import { loadAll } from './load-all';
import { loadGraph } from './load-graph';
import { removeAll } from './remove-all';
import { reportQuery } from './report-query';
import type { Scenario } from './scenario';
import { startUp } from './start-up';
import { updateAll } from './update-all';

export const ALL_SCENARIOS: readonly Scenario[] = [
  insertMany,
  loadAll,
  updateAll,
  findById,
  removeAll,
  loadGraph,
  insertGraph,
  reportQuery,
  compileReport,
  concurrentRequests,
  largeFlush,
  startUp,
];

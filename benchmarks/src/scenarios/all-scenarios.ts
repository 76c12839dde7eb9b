import { compileReport } from './compile-report';
import { findById } from './find-by-id';
import { insertGraph } from './insert-graph';
import { insertMany } from './insert-many';
import { loadAll } from './load-all';
import { loadGraph } from './load-graph';
import { removeAll } from './remove-all';
import { reportQuery } from './report-query';
import type { Scenario } from './scenario';
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
];

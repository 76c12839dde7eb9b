import { DIALECT_NAMES, type DialectName } from './dialect-target';
import { CONTENDER_NAMES, OPT_IN_CONTENDERS, type ContenderName } from './contenders/contender';
import { ALL_SCENARIOS } from './scenarios/all-scenarios';
import type { Scenario } from './scenarios/scenario';

export interface BenchConfig {
  /** Counted repetitions. */
  readonly reps: number;
  /** Warm-up repetitions run first and thrown away (JIT, statement caches, pools), the same for every contender. */
  readonly warmups: number;
  readonly dialects: readonly DialectName[];
  readonly contenders: readonly ContenderName[];
  /** The scenarios to run, in their usual order. */
  readonly scenarios: readonly Scenario[];
  /** Where the markdown report is written, or null to print it only. */
  readonly reportFile: string | null;
  /** Whether each scenario × contender is run once more in a process of its own for its peak RSS (BENCH_RSS). */
  readonly peakRss: boolean;
}

/**
 * Reads BENCH_REPS, BENCH_WARMUP, BENCH_DIALECTS, BENCH_CONTENDERS (the opt-in variants only when named, e.g.
 * `tessera,tessera-audited`), BENCH_SCENARIOS (ids, e.g. `S6,S7`), BENCH_REPORT (a path, or `none`) and BENCH_RSS
 * (`0` skips the peak-RSS probes). S10 reads BENCH_S10_SECONDS itself.
 */
export function readBenchConfig(env: NodeJS.ProcessEnv, defaultReportFile: string): BenchConfig {
  const reps = Number(env.BENCH_REPS ?? 5);
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`BENCH_REPS must be a positive integer, got ${env.BENCH_REPS}`);
  const warmups = Number(env.BENCH_WARMUP ?? 3);
  if (!Number.isInteger(warmups) || warmups < 0) throw new Error(`BENCH_WARMUP must be a whole number, got ${env.BENCH_WARMUP}`);
  const report = env.BENCH_REPORT ?? defaultReportFile;
  return {
    reps,
    warmups,
    dialects: pickList('BENCH_DIALECTS', env.BENCH_DIALECTS, DIALECT_NAMES),
    contenders: withRaw(pickList('BENCH_CONTENDERS', env.BENCH_CONTENDERS, [...CONTENDER_NAMES, ...OPT_IN_CONTENDERS], CONTENDER_NAMES)),
    scenarios: pickScenarios(env.BENCH_SCENARIOS),
    reportFile: report === 'none' ? null : report,
    peakRss: env.BENCH_RSS !== '0',
  };
}

function pickList<T extends string>(variable: string, value: string | undefined, known: readonly T[], defaults = known): readonly T[] {
  if (!value) return defaults;
  const picked = value.split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of picked) {
    if (!known.includes(name as T)) throw new Error(`${variable}: unknown name '${name}' (known: ${known.join(', ')})`);
  }
  return known.filter((name) => picked.includes(name));
}

function pickScenarios(value: string | undefined): readonly Scenario[] {
  const ids = pickList('BENCH_SCENARIOS', value, ALL_SCENARIOS.map((scenario) => scenario.id));
  return ALL_SCENARIOS.filter((scenario) => ids.includes(scenario.id));
}

// Every ratio is relative to raw, so raw always runs.
function withRaw(contenders: readonly ContenderName[]): readonly ContenderName[] {
  return contenders.includes('raw') ? contenders : ['raw', ...contenders];
}

import type { ContenderName } from './contenders/contender';
import type { DialectName } from './dialect-target';
import type { Figure } from './scenarios/scenario';
import { summarize, type Summary } from './stats';

/** Figures by dialect, scenario and contender: the timed samples and, by label, the secondary ones beside them. */
export class Results {
  readonly #samples = new Map<string, number[]>();
  readonly #extras = new Map<string, Map<string, number[]>>();

  record(dialect: DialectName, scenario: string, contender: ContenderName, figure: Figure): void {
    const key = keyOf(dialect, scenario, contender);
    const samples = this.#samples.get(key) ?? [];
    samples.push(figure.value);
    this.#samples.set(key, samples);
    for (const [label, value] of Object.entries(figure.extras ?? {})) this.recordExtra(dialect, scenario, contender, label, value);
  }

  /** A secondary figure measured apart from the timed runs (the peak-RSS probes). */
  recordExtra(dialect: DialectName, scenario: string, contender: ContenderName, label: string, value: number): void {
    const key = keyOf(dialect, scenario, contender);
    const extras = this.#extras.get(key) ?? new Map<string, number[]>();
    extras.set(label, [...(extras.get(label) ?? []), value]);
    this.#extras.set(key, extras);
  }

  summary(dialect: DialectName, scenario: string, contender: ContenderName): Summary | undefined {
    const samples = this.#samples.get(keyOf(dialect, scenario, contender));
    return samples ? summarize(samples) : undefined;
  }

  /** The median of a secondary figure, if it was measured. */
  extra(dialect: DialectName, scenario: string, contender: ContenderName, label: string): number | undefined {
    const samples = this.#extras.get(keyOf(dialect, scenario, contender))?.get(label);
    return samples ? summarize(samples).median : undefined;
  }
}

function keyOf(dialect: DialectName, scenario: string, contender: ContenderName): string {
  return `${dialect}\u0000${scenario}\u0000${contender}`;
}

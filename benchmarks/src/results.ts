import type { ContenderName } from './contenders/contender';
import type { DialectName } from './dialect-target';
import { summarize, type Summary } from './stats';

/** Timed samples by dialect, scenario and contender, in the order they were first recorded. */
export class Results {
  readonly #samples = new Map<string, number[]>();

  record(dialect: DialectName, scenario: string, contender: ContenderName, ms: number): void {
    const key = keyOf(dialect, scenario, contender);
    const samples = this.#samples.get(key) ?? [];
    samples.push(ms);
    this.#samples.set(key, samples);
  }

  summary(dialect: DialectName, scenario: string, contender: ContenderName): Summary | undefined {
    const samples = this.#samples.get(keyOf(dialect, scenario, contender));
    return samples ? summarize(samples) : undefined;
  }
}

function keyOf(dialect: DialectName, scenario: string, contender: ContenderName): string {
  return `${dialect}\u0000${scenario}\u0000${contender}`;
}

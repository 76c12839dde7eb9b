import type { ItemView } from '../contenders/contender';
import type { BenchTable } from '../fixture/bench-table';
import { VerificationError } from './verification-error';

/** Throws unless the table holds exactly `expected` rows. */
export async function expectRowCount(table: BenchTable, expected: number, scenario: string, contender: string): Promise<void> {
  const actual = await table.count();
  if (actual !== expected) throw VerificationError.wrongRowCount(scenario, contender, expected, actual);
}

/**
 * Throws unless `views[i]` has id `expectedIds[i]` and the name seeded for that id: the objects really came from
 * the rows asked for.
 */
export function expectViews(
  views: readonly ItemView[],
  expectedIds: readonly number[],
  nameById: ReadonlyMap<number, string>,
  scenario: string,
  contender: string,
): void {
  if (views.length !== expectedIds.length) {
    throw VerificationError.wrongResultCount(scenario, contender, expectedIds.length, views.length);
  }
  views.forEach((view, i) => {
    if (!view || Number(view.id) !== expectedIds[i]) throw VerificationError.badId(scenario, contender, i, view?.id);
    if (view.name !== nameById.get(expectedIds[i])) {
      throw VerificationError.mismatch(scenario, contender, expectedIds[i], `has name ${JSON.stringify(view.name)}`);
    }
  });
}

/** The name each seeded id was given. */
export function seededNames(ids: readonly number[], items: readonly { name: string }[]): Map<number, string> {
  return new Map(ids.map((id, i) => [id, items[i].name]));
}

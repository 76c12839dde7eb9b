/**
 * How many rows one statement may carry: at most `batchSize`, and few enough that
 * `rows * parametersPerRow` stays under the dialect's parameter limit.
 */
export function rowsPerStatement(batchSize: number, parametersPerRow: number, maxParameters: number): number {
  return Math.max(1, Math.min(batchSize, Math.floor(maxParameters / Math.max(1, parametersPerRow))));
}

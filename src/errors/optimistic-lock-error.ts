import { TesseraError, type Named } from './tessera-error';

/** The row changed (or vanished) since it was loaded: its @Version() no longer matches. Nothing was written. */
export class OptimisticLockError extends TesseraError {
  constructor(
    message: string,
    readonly entity: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(message);
  }

  static versionMismatch(entity: Named, expected: number, actual: number): OptimisticLockError {
    return new OptimisticLockError(
      `${entity.name}: ${expected - actual} of ${expected} rows were changed or removed by someone else since they were ` +
        'loaded (version mismatch). The transaction was rolled back; reload and try again.',
      entity.name,
      expected,
      actual,
    );
  }
}

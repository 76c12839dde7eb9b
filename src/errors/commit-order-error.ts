import { TesseraError } from './tessera-error';

/** Rows cannot be ordered for a flush: their foreign keys form a cycle with no nullable key to break it. */
export class CommitOrderError<N = unknown> extends TesseraError {
  constructor(
    message: string,
    readonly nodes: readonly N[],
  ) {
    super(message);
  }

  static cycle<N>(nodes: readonly N[], name: (node: N) => string): CommitOrderError<N> {
    return new CommitOrderError(
      `Cannot order the flush: ${nodes.map(name).join(', ')} reference each other through non-nullable foreign ` +
        'keys only. Make one of those keys nullable so that row can be inserted first and linked afterwards.',
      nodes,
    );
  }

  static requiredForeignKey(entity: string, property: string, target: string): CommitOrderError<string> {
    return new CommitOrderError(
      `Cannot insert ${entity}: its non-nullable ${entity}.${property} references a new ${target} that can only be ` +
        `inserted after it (a cycle, or a row of the same table). Make ${entity}.${property} nullable, or flush the ${target} first.`,
      [entity, target],
    );
  }
}

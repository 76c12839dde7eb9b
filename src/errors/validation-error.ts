import { TesseraError, type Named } from './tessera-error';

/** An entity or a value that Tessera refuses before sending anything to the database. */
export class ValidationError extends TesseraError {
  static notManaged(entity: Named, operation: string): ValidationError {
    return new ValidationError(
      `Cannot ${operation} this ${entity.name}: this EntityManager does not manage it. Load or persist it here first.`,
    );
  }

  static notAnEntityInstance(value: unknown, operation: string): ValidationError {
    return new ValidationError(`Cannot ${operation} ${typeof value}: pass an instance of an entity class.`);
  }

  static badIsolationLevel(level: string): ValidationError {
    return new ValidationError(
      `Unknown isolation level '${level}': use 'read uncommitted', 'read committed', 'repeatable read' or 'serializable'.`,
    );
  }

  static badTimeout(option: string, value: unknown): ValidationError {
    return new ValidationError(`${option} must be a positive number of milliseconds, got ${String(value)}.`);
  }

  static transientReference(entity: Named, property: string, target: Named): ValidationError {
    return new ValidationError(
      `${entity.name}.${property} references a ${target.name} that is not persisted, and the relation does not cascade ` +
        `persist: persist the ${target.name} too, or declare cascade: ['persist'] on ${entity.name}.${property}.`,
    );
  }
}

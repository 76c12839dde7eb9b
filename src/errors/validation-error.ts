import { TesseraError, type Named } from './tessera-error';

/** An entity or a value that Tessera refuses before sending anything to the database. */
export class ValidationError extends TesseraError {
  static notManaged(entity: Named, operation: string): ValidationError {
    return new ValidationError(`Cannot ${operation} this ${entity.name}: it is not an instance of a registered entity.`);
  }

  static notAnEntityInstance(value: unknown, operation: string): ValidationError {
    return new ValidationError(`Cannot ${operation} ${typeof value}: pass an instance of an entity class.`);
  }

  static badValue(entity: Named, property: string, type: string, value: unknown): ValidationError {
    const shown = typeof value === 'object' && value !== null ? value.constructor?.name ?? 'object' : typeof value;
    return new ValidationError(`${entity.name}.${property} is a '${type}' column and cannot hold a ${shown}.`);
  }

  static badEnumValue(entity: Named, property: string, items: readonly unknown[]): ValidationError {
    return new ValidationError(`${entity.name}.${property} must be one of: ${items.map(String).join(', ')}.`);
  }

  static badIsolationLevel(level: string): ValidationError {
    return new ValidationError(
      `Unknown isolation level '${level}': use 'read uncommitted', 'read committed', 'repeatable read' or 'serializable'.`,
    );
  }
}

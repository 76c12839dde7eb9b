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

  static badTimeout(option: string, value: unknown, zeroAllowed: boolean): ValidationError {
    const wanted = zeroAllowed ? 'a number of milliseconds, 0 or more' : 'a positive number of milliseconds';
    return new ValidationError(`${option} must be ${wanted}, got ${String(value)}.`);
  }

  static transientReference(entity: Named, property: string, target: Named): ValidationError {
    return new ValidationError(
      `${entity.name}.${property} references a ${target.name} that is not persisted, and the relation does not cascade ` +
        `persist: persist the ${target.name} too, or declare cascade: ['persist'] on ${entity.name}.${property}.`,
    );
  }

  /** A value that is not of its column's type; the value itself is only described (type, size, a short preview). */
  static badValue(entity: Named, property: string, expected: string, got: unknown): ValidationError {
    return new ValidationError(`Invalid value for ${entity.name}.${property}: expected ${expected}, got ${describeValue(got)}.`);
  }
}

/** Short enough to name the culprit, never the whole of a large (or secret) value. */
const PREVIEW = 20;

function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value.length <= PREVIEW ? `the string ${JSON.stringify(value)}` : `a string of ${value.length} characters`;
    case 'number':
    case 'boolean':
      return `the ${typeof value} ${String(value)}`;
    case 'bigint':
      return String(value).length <= PREVIEW ? `the bigint ${value}n` : `a bigint of ${String(value).length} digits`;
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array of ${value.length} items`;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : `the Date ${value.toISOString()}`;
      if (value instanceof Uint8Array) return `a ${value.constructor.name} of ${value.length} bytes`;
      return Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null
        ? 'an object'
        : `an instance of ${(value as object).constructor?.name ?? 'a class'}`;
    default:
      return `a ${typeof value}`;
  }
}

import { TesseraError, type Named } from './tessera-error';

/** One failed constraint of one entity (class-validator's). */
export interface ConstraintFailure {
  /** The entity's class name. */
  readonly entity: string;
  /** The entity instance that failed (to tell which of many). */
  readonly instance: object;
  /** The property (a dotted path into nested objects). */
  readonly property: string;
  /** The constraint's name, e.g. 'isEmail'. */
  readonly constraint: string;
  /** The constraint's message, e.g. 'email must be an email'. */
  readonly message: string;
}

/** How many failures a message lists; `failures` holds them all. */
const LISTED = 10;

/** An entity or a value that Tessera refuses before sending anything to the database. */
export class ValidationError extends TesseraError {
  /** The constraints that failed, for every failing entity (empty for errors that are not about constraints). */
  readonly failures: readonly ConstraintFailure[] = [];

  /** Entities of a flush failed their class-validator constraints; nothing was written. */
  static constraints(failures: readonly ConstraintFailure[]): ValidationError {
    const entities = new Set(failures.map((f) => f.instance)).size;
    const lines = failures.slice(0, LISTED).map((f) => `  ${f.entity}.${f.property}: ${f.constraint} (${f.message})`);
    if (failures.length > LISTED) lines.push(`  ... and ${failures.length - LISTED} more (see error.failures)`);
    const error = new ValidationError(
      `Validation failed for ${entities} ${entities === 1 ? 'entity' : 'entities'}; nothing was written:\n${lines.join('\n')}`,
    );
    (error as { failures: readonly ConstraintFailure[] }).failures = failures;
    return error;
  }

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

  static badOption(option: string, wanted: string, value: unknown): ValidationError {
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

import { ValidationError, type ConstraintFailure } from '../errors/validation-error';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { ChangeSet } from '../unit-of-work/change-set';
import type { ClassValidator, ClassValidatorError } from './class-validator-loader';

/** `OrmOptions.validation` as an object: which class-validator groups inserts and updates validate. */
export interface ValidationOptions {
  /**
   * The groups passed to class-validator for a new entity (`create`, default `['create']`) and a changed one
   * (`update`, default `['update']`). Constraints without groups apply to both; a constraint with groups applies
   * when one of them is the write's.
   */
  readonly groups?: { readonly create?: readonly string[]; readonly update?: readonly string[] };
}

/**
 * Validates the entities of a flush with class-validator: every insert, and every update (whose properties not
 * loaded, left undefined by a `fields` load, are skipped), of a class that declares constraints for that write's
 * groups. Classes without constraints are never handed to class-validator (its `forbidUnknownValues` would refuse
 * them, and they would cost a call each).
 */
export class EntityValidator {
  private readonly create: ReadonlySet<EntityMetadata>;
  private readonly update: ReadonlySet<EntityMetadata>;
  private readonly createOptions: Record<string, unknown>;
  private readonly updateOptions: Record<string, unknown>;

  private constructor(
    private readonly validator: ClassValidator,
    metas: readonly EntityMetadata[],
    options: ValidationOptions,
  ) {
    const createGroups = [...(options.groups?.create ?? ['create'])];
    const updateGroups = [...(options.groups?.update ?? ['update'])];
    // always: constraints without groups apply whatever the groups; strictGroups: with no group named, a grouped
    // constraint does not apply (class-validator would apply them all); no target or value in the errors returned.
    const base = { always: true, strictGroups: true, forbidUnknownValues: false, validationError: { target: false, value: false } };
    this.createOptions = { ...base, groups: createGroups };
    this.updateOptions = { ...base, groups: updateGroups, skipUndefinedProperties: true };
    const storage = validator.getMetadataStorage();
    const constrained = (groups: string[]) => new Set(metas.filter((m) => storage.getTargetValidationMetadatas(m.class, '', true, true, groups).length > 0));
    this.create = constrained(createGroups);
    this.update = constrained(updateGroups);
  }

  /** A validator for the entities that declare constraints, or undefined when none does. */
  static of(validator: ClassValidator, metas: readonly EntityMetadata[], options: ValidationOptions): EntityValidator | undefined {
    const made = new EntityValidator(validator, metas, options);
    return made.create.size > 0 || made.update.size > 0 ? made : undefined;
  }

  /** Every failing entity's failures at once, as one `ValidationError`. */
  async validate(changeSets: readonly ChangeSet[]): Promise<void> {
    const checked: ChangeSet[] = [];
    const pending: Promise<ClassValidatorError[]>[] = [];
    for (const cs of changeSets) {
      if (cs.type === 'insert' ? !this.create.has(cs.meta) : cs.type === 'delete' || !this.update.has(cs.meta)) continue;
      checked.push(cs);
      pending.push(this.validator.validate(cs.entity, cs.type === 'insert' ? this.createOptions : this.updateOptions));
    }
    if (pending.length === 0) return;
    const results = await Promise.all(pending);
    const failures: ConstraintFailure[] = [];
    results.forEach((errors, i) => {
      for (const error of errors) collect(checked[i], error, '', failures);
    });
    if (failures.length > 0) throw ValidationError.constraints(failures);
  }
}

function collect(cs: ChangeSet, error: ClassValidatorError, prefix: string, into: ConstraintFailure[]): void {
  const property = prefix + error.property;
  for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
    into.push({ entity: cs.meta.name, instance: cs.entity, property, constraint, message });
  }
  for (const child of error.children ?? []) collect(cs, child, `${property}.`, into);
}

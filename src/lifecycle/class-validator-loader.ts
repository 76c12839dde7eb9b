import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The part of class-validator Tessera uses. */
export interface ClassValidator {
  validate(object: object, options: Record<string, unknown>): Promise<ClassValidatorError[]>;
  getMetadataStorage(): {
    getTargetValidationMetadatas(target: Function, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): readonly unknown[];
  };
}

/** class-validator's `ValidationError`: a property's failed constraints, and its nested objects' errors. */
export interface ClassValidatorError {
  readonly property: string;
  readonly constraints?: Readonly<Record<string, string>>;
  readonly children?: readonly ClassValidatorError[];
}

/**
 * Whether any class declared a class-validator constraint: its decorators register them in one global store, which
 * the first of them creates (in whichever copy of the package). Without it there is nothing to validate, and
 * loading the package (and its dependencies) would cost start-up time for nothing.
 */
export function constraintsDeclared(): boolean {
  return (globalThis as { classValidatorMetadataStorage?: unknown }).classValidatorMetadataStorage !== undefined;
}

/**
 * class-validator as the application sees it: resolved from the main module's folder, else from the working
 * directory, never from Tessera's own folder (an application without it must not pick up a copy that happens to sit
 * beside Tessera, and one with it must use its own: its decorators registered the constraints there).
 * Undefined when the application does not have it.
 */
export function resolveClassValidator(places: readonly (string | undefined)[] = [require.main?.filename, join(process.cwd(), 'index.js')]): ClassValidator | undefined {
  for (const from of places) {
    if (!from) continue;
    try {
      return createRequire(from)('class-validator') as ClassValidator;
    } catch (error) {
      // Not installed there; any other failure (a broken install) is the application's to see.
      if (!((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String(error).includes(`'class-validator'`))) throw error;
    }
  }
  return undefined;
}

import { UsageError } from '../errors/usage-error';

/**
 * Loads an optional peer dependency (pg, mysql2, ...) on first use, so users install only what they need;
 * a missing one is a `UsageError` naming the `npm install` command.
 */
export function loadOptional<T>(pkg: string, feature: string): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(pkg) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String(error).includes(`'${pkg}'`)) {
      throw UsageError.missingPackage(pkg, feature);
    }
    throw error;
  }
}

import { UsageError } from '../errors/usage-error';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { EntityLifecycle } from '../unit-of-work/entity-lifecycle';
import { constraintsDeclared, resolveClassValidator, type ClassValidator } from './class-validator-loader';
import { EntityValidator, type ValidationOptions } from './entity-validator';
import { FlushHooks } from './flush-hooks';
import { callAfterLoad } from './hook-calls';

/**
 * `OrmOptions.validation`: undefined validates with class-validator when the application has it installed;
 * `false` never validates; `true` or options validate, and class-validator missing is a `UsageError`.
 */
export type ValidationSetting = boolean | ValidationOptions | undefined;

/**
 * The hooks and validation of an Orm's entities, as the unit of work calls them; undefined when no entity has a
 * hook and none declares a constraint, so that such a model's flushes and loads pay nothing for them.
 */
export function createEntityLifecycle(
  metas: readonly EntityMetadata[],
  mappers: MapperRegistry,
  validation: ValidationSetting,
  resolve: () => ClassValidator | undefined = resolveClassValidator,
): EntityLifecycle | undefined {
  const validator = validatorFor(metas, validation, resolve);
  const flushHooks = metas.some((m) => m.hooks && Object.keys(m.hooks).some((event) => event !== 'afterLoad'));
  const loadHooks = metas.some((m) => m.hooks?.afterLoad);
  if (!validator && !flushHooks && !loadHooks) return undefined;
  return {
    startFlush: validator || flushHooks ? (session) => new FlushHooks(session, mappers, validator) : () => undefined,
    afterLoad: loadHooks ? callAfterLoad : undefined,
  };
}

function validatorFor(metas: readonly EntityMetadata[], validation: ValidationSetting, resolve: () => ClassValidator | undefined): EntityValidator | undefined {
  if (validation === false || (validation === undefined && !constraintsDeclared())) return undefined;
  const classValidator = resolve();
  if (!classValidator) {
    if (validation === undefined) return undefined;
    throw UsageError.missingPackage('class-validator', 'validation option');
  }
  return EntityValidator.of(classValidator, metas, validation === true || validation === undefined ? {} : validation);
}

import type { ColumnOptions } from '../metadata/metadata-registry';
import { recordProperty } from './column';

/**
 * Marks the soft-delete column: a nullable timestamp (or date), NULL while the row lives. `em.remove()` of such an
 * entity writes the current time there (a batched UPDATE, never a DELETE) and reads skip rows where it is set,
 * unless `{ withDeleted: true }`; `em.remove(entity, { hard: true })` deletes the row. At most one per entity.
 * @example
 * @SoftDelete() deletedAt: Date | null = null;
 */
export function SoftDelete(options: ColumnOptions = {}): PropertyDecorator {
  return (target, name) => recordProperty(target, name, options, { primary: false, version: false, softDelete: true });
}

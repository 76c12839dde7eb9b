import 'reflect-metadata';
import { MetadataRegistry, type ColumnOptions } from '../metadata/metadata-registry';

/** @internal Records one property with the design type TypeScript emitted for it. */
export function recordProperty(
  target: object,
  name: string | symbol,
  options: ColumnOptions,
  flags: { primary: boolean; version: boolean; softDelete?: boolean },
): void {
  MetadataRegistry.addProperty(target.constructor, {
    name: String(name),
    designType: Reflect.getMetadata?.('design:type', target, name),
    options,
    ...flags,
  });
}

/**
 * Maps a property to a column. The type is inferred from the TypeScript type where it can be
 * (string, number → int, boolean, Date → timestamp, Buffer → blob); pass it otherwise.
 * @example
 * @Column({ type: 'int', nullable: true }) age: number | null = null;
 */
export function Column(options: ColumnOptions = {}): PropertyDecorator {
  return (target, name) => recordProperty(target, name, options, { primary: false, version: false });
}

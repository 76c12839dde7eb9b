import type { PropertyMetadata } from './property-metadata';

/** An enum whose items are all numbers (a TypeScript numeric enum) is stored as an integer column. */
export function isNumericEnum(property: PropertyMetadata): boolean {
  return property.type === 'enum' && !!property.items && property.items.every((i) => typeof i === 'number');
}

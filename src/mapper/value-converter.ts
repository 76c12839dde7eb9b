import type { PropertyMetadata } from '../metadata/property-metadata';

/** Converts one column's values between their JS form and what the driver sends and returns. */
export interface ValueConverter {
  /** JS → driver. Not called for null or undefined. */
  readonly toDb?: (value: unknown) => unknown;
  /** Driver → JS. Not called for null. */
  readonly fromDb?: (value: unknown) => unknown;
}

/** The dialect's converter for a property, or undefined where the driver's own form is already right. */
export type ConverterLookup = (property: PropertyMetadata) => ValueConverter | undefined;

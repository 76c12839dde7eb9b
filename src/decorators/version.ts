import { recordProperty } from './column';

/**
 * Marks the optimistic-locking version column (an int Tessera sets to 1 on insert and increments on
 * every update). A flush whose UPDATE or DELETE finds another version throws `OptimisticLockError`.
 * @example
 * @Version() version!: number;
 */
export function Version(): PropertyDecorator {
  return (target, name) => recordProperty(target, name, {}, { primary: false, version: true });
}

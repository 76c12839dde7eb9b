import type { ColumnType } from '../../metadata/column-type';
import type { DefaultValueKind } from './default-expression';

/** What a dialect's normalizer reads from a native type: the portable type and its size, where they apply. */
export interface NormalizedType {
  readonly type: ColumnType | undefined;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** How a default on this column reads (numbers and booleans are normalized as such). */
  readonly valueKind: DefaultValueKind;
}

import { TesseraError } from './tessera-error';

/** One change `schema.update()` refused, as the safety analysis describes it. */
export interface RefusedChange {
  readonly reason: string;
  readonly table: string;
  readonly column?: string;
  readonly message: string;
}

/** `orm.schema.update()` found changes that lose data and was not given `force`. Nothing was changed. */
export class DestructiveChangeError extends TesseraError {
  constructor(readonly changes: readonly RefusedChange[]) {
    super(
      `The schema update would lose data, so nothing was changed:\n${changes.map((c) => `  - ${c.message}`).join('\n')}\n` +
        'Review the changes (orm.schema.diffSql()), then pass { force: true } to apply them, or write a migration.',
    );
  }
}

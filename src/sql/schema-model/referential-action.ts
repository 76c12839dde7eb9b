/** What a foreign key does to referencing rows when the referenced row is deleted or its key updated. */
export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

const ACTIONS: readonly ReferentialAction[] = ['no action', 'restrict', 'cascade', 'set null', 'set default'];

/**
 * The action a catalog spells `NO ACTION`, `SET NULL`, `set_null` or similar. Anything unrecognised reads as
 * 'no action', the SQL default, which is also what a missing rule means.
 */
export function parseReferentialAction(text: string | null | undefined): ReferentialAction {
  const normalized = String(text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
  return ACTIONS.find((a) => a === normalized) ?? 'no action';
}

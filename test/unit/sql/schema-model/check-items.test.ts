import { checkItems } from '../../../../src/sql/schema-model/check-items';

describe('checkItems', () => {
  it.each([
    ["CHECK ((mood = ANY (ARRAY['happy'::text, 'it''s ok'::text])))", 'mood', ['happy', "it's ok"]],
    ['CHECK ((priority = ANY (ARRAY[1, 3])))', 'priority', ['1', '3']],
    [`check ("mood" in ('happy', 'sad'))`, 'mood', ['happy', 'sad']],
    ['`priority` in (1,3)', 'priority', ['1', '3']],
    [`CHECK (("Odd ""Name" = ANY (ARRAY['a'::character varying, 'b'::character varying])))`, 'Odd "Name', ['a', 'b']],
    [`check ("Odd ""Name" in ('a'))`, 'Odd "Name', ['a']],
    ['CHECK ((price > 0))', 'price', undefined],
    [`check ("mood" in ('a') or "other" = 1)`, 'mood', undefined],
    [`check ("other" in ('a'))`, 'mood', undefined],
    [`check (lower("mood") in ('a'))`, 'mood', undefined],
  ])('%s on %s → %j', (expression, column, expected) => {
    expect(checkItems(expression, column)).toEqual(expected);
  });
});

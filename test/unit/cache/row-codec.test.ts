import { decodeRow, decodeValue, encodeRow, encodeValue } from '../../../src/cache/row-codec';

/** What drivers hand back, each value as JSON text and back: the same type and value. */
const VALUES: readonly unknown[] = [
  null,
  'text',
  '',
  0,
  -12.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  12345678901234567890n,
  new Date('2026-01-02T03:04:05.678Z'),
  Buffer.from([0, 255, 7]),
  { json: { nested: [1, 'two', null] } },
  ['pg', 'array', null],
  [new Date(0), 1n],
];

test.each(VALUES.map((value) => [value]))('%p survives JSON', (value) => {
  const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));
  expect(back).toEqual(value);
  if (value instanceof Date) expect(back).toBeInstanceOf(Date);
  if (Buffer.isBuffer(value)) expect(Buffer.isBuffer(back)).toBe(true);
  if (typeof value === 'bigint') expect(typeof back).toBe('bigint');
});

test('undefined becomes null, and a row keeps its columns in the order given', () => {
  const encoded = JSON.parse(JSON.stringify(encodeRow({ b: 1, a: undefined, c: 'x' }, ['a', 'b', 'c'])));
  expect(encoded).toEqual([null, 1, 'x']);
  expect(decodeRow(encoded, ['a', 'b', 'c'])).toEqual({ a: null, b: 1, c: 'x' });
});

import type { EntityMetadata } from '../../../../src/metadata/entity-metadata';
import type { ColumnType } from '../../../../src/metadata/column-type';
import type { PropertyMetadata } from '../../../../src/metadata/property-metadata';
import { emitCheck } from '../../../../src/mapper/codegen/check-emitter';
import { compileFunction } from '../../../../src/mapper/codegen/compile';

const meta = { name: 'E' } as EntityMetadata;

function checkOf(type: ColumnType, options: Partial<PropertyMetadata> = {}): (v: unknown) => boolean {
  const property = { name: 'p', column: 'p', type, index: 0, nullable: true, primary: false, version: false, ...options } as PropertyMetadata;
  const emitted = emitCheck(meta, property);
  return compileFunction(emitted.source, emitted.helpers);
}

const circular: Record<string, unknown> = {};
circular.self = circular;

const CASES: readonly [ColumnType, Partial<PropertyMetadata>, unknown[], unknown[]][] = [
  ['string', { length: 3 }, ['', 'abc', '😀😀😀', 'é'], ['abcd', '😀😀😀😀', 3, ['a'], {}]],
  ['text', {}, ['', 'x'.repeat(100_000)], [1, ['a'], Buffer.from('a')]],
  ['uuid', {}, ['0b9c2a4e-3f1d-4c5e-9a7b-1c2d3e4f5a6b'], ['0B9C2A4E-3F1D-4C5E-9A7B-1C2D3E4F5A6B', '0b9c2a4e3f1d4c5e9a7b1c2d3e4f5a6b', 'x', 1]],
  ['int', {}, [0, -1, 2147483647, -2147483648], [1.5, '5', 2147483648, Number.NaN, Number.POSITIVE_INFINITY, true, 1n, {}]],
  ['double', {}, [0, -0.5, 1e300], [Number.NaN, Number.NEGATIVE_INFINITY, '1.5', 1n]],
  [
    'bigint',
    {},
    ['0', '-1', '9223372036854775807', '-9223372036854775808', 5n, -(2n ** 63n), 9007199254740991],
    ['abc', '1e999', '01', '-0', '+1', '1.5', '9223372036854775808', '-9223372036854775809', 2n ** 63n, 1.5, 2 ** 53, ''],
  ],
  ['decimal', { precision: 6, scale: 2 }, ['1234.56', '-1234.5', '.5', '0001234', '12.345', 1234.5, 0], ['12345', 'abc', '1e3', '', '-', 12345, Number.NaN, Number.POSITIVE_INFINITY, 1n]],
  ['boolean', {}, [true, false], ['false', 'true', 0, 1]],
  ['date', {}, ['2024-02-29', '0001-01-01', '9999-12-31', new Date('2024-01-01T00:00:00Z')], ['2023-02-29', '2023-02-30', '0000-01-01', '2024-1-1', '2024-01-01T00:00:00Z', 123, new Date(Number.NaN), new Date('+010000-01-01T00:00:00Z')]],
  ['timestamp', {}, [new Date(0), new Date('0001-01-01T00:00:00Z'), new Date('9999-12-31T23:59:59.999Z')], [new Date(Number.NaN), new Date('+010000-01-01T00:00:00Z'), 0, '2024-01-01T00:00:00Z']],
  ['json', {}, [{}, [], 'x', 0, false, { a: [1, null] }], [circular, { a: 1n }, 1n, () => 1, Symbol('s')]],
  ['enum', { items: ['a', 'b'] }, ['a', 'b'], ['c', 0, ['a']]],
  ['enum', { items: [1, 2] }, [1, 2], ['1', 3]],
  ['blob', {}, [Buffer.from('x'), new Uint8Array(2)], ['x', [1, 2], new ArrayBuffer(2)]],
];

describe('value checks (one rule per column type)', () => {
  it.each(CASES)('%s %j: accepts its valid forms and refuses the others', (type, options, valid, invalid) => {
    const check = checkOf(type, options);
    expect(valid.filter((v) => !check(v))).toEqual([]);
    expect(invalid.filter((v) => check(v))).toEqual([]);
  });

  it('the generated source names its entity and property and inlines typeof tests', () => {
    const property = { name: 'flag', column: 'flag', type: 'boolean', index: 0 } as PropertyMetadata;
    expect(emitCheck(meta, property).source).toBe("// check E.flag\nreturn function check(v) {\n  return typeof v === 'boolean';\n};");
  });
});

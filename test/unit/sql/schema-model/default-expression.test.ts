import {
  canonicalNumber,
  normalizeDefault,
  normalizeExpression,
  parseStandardStringLiteral,
  sqlStringLiteral,
} from '../../../../src/sql/schema-model/default-expression';

const expression = (text: string) => ({ kind: 'expression', text }) as const;
const string = (value: string) => ({ kind: 'string', value }) as const;

describe('normalizeDefault', () => {
  it('reads no default and DEFAULT NULL alike', () => {
    expect(normalizeDefault({ kind: 'none' }, 'other')).toBeUndefined();
    expect(normalizeDefault(expression('NULL'), 'other')).toBeUndefined();
    expect(normalizeDefault(expression(' null '), 'number')).toBeUndefined();
    expect(normalizeDefault(expression('(NULL)'), 'other')).toBeUndefined();
  });

  it('writes a string as a standard literal, quotes doubled and backslashes left alone', () => {
    expect(normalizeDefault(string("O'Brien \\ Co"), 'other')).toBe("'O''Brien \\ Co'");
    expect(normalizeDefault(string(''), 'other')).toBe("''");
    expect(normalizeDefault(string('NULL'), 'other')).toBe("'NULL'");
    expect(normalizeDefault(expression("('it''s')"), 'other')).toBe("'it''s'");
  });

  it('writes a number on a numeric column in its shortest form, quoted or not', () => {
    expect(normalizeDefault(expression('0.0000'), 'number')).toBe('0');
    expect(normalizeDefault(expression('-1.50'), 'number')).toBe('-1.5');
    expect(normalizeDefault(string('-1'), 'number')).toBe('-1');
    expect(normalizeDefault(expression('(-1)'), 'number')).toBe('-1');
    expect(normalizeDefault(expression('+3'), 'number')).toBe('3');
  });

  it('keeps a number-like string on a text column a string', () => {
    expect(normalizeDefault(string('007'), 'other')).toBe("'007'");
  });

  it('reads booleans the same whatever the spelling, and as 1/0 on an integer column', () => {
    for (const spelling of [expression('1'), expression('TRUE'), expression('true'), string('t')]) {
      expect(normalizeDefault(spelling, 'boolean')).toBe('true');
    }
    for (const spelling of [expression('0'), expression('false'), string('f')]) expect(normalizeDefault(spelling, 'boolean')).toBe('false');
    expect(normalizeDefault(expression('TRUE'), 'number')).toBe('1');
    expect(normalizeDefault(expression('false'), 'number')).toBe('0');
  });

  it.each([
    ['CURRENT_TIMESTAMP', 'current_timestamp'],
    ['current_timestamp()', 'current_timestamp'],
    ['now()', 'current_timestamp'],
    ['NOW( )', 'current_timestamp'],
    ['current_timestamp(3)', 'current_timestamp(3)'],
    ['now(6)', 'current_timestamp(6)'],
    ['curdate()', 'current_date'],
    ['CURRENT_DATE', 'current_date'],
    ['curtime()', 'current_time'],
  ])('reads the current time %s as %s', (text, normalized) => {
    expect(normalizeDefault(expression(text), 'other')).toBe(normalized);
  });

  it('lowercases other expressions outside quotes and drops outer parentheses', () => {
    expect(normalizeDefault(expression("(UPPER('Abc') || \"Col\")"), 'other')).toBe("upper('Abc') || \"Col\"");
    expect(normalizeDefault(expression('GEN_RANDOM_UUID()'), 'other')).toBe('gen_random_uuid()');
  });
});

describe('normalizeExpression', () => {
  it('collapses whitespace outside quotes, keeps it inside', () => {
    expect(normalizeExpression("  lower(  a )  ||  '  x  ' ")).toBe("lower(a) || '  x  '");
  });

  it('drops only parentheses that enclose the whole expression', () => {
    expect(normalizeExpression('((a + 1))')).toBe('a + 1');
    expect(normalizeExpression('(a) + (b)')).toBe('(a) + (b)');
    expect(normalizeExpression("(')')")).toBe("')'");
  });

  it('drops comments', () => {
    expect(normalizeExpression('1 /* one */ + -- two\n 2')).toBe('1 + 2');
  });
});

describe('literals and numbers', () => {
  it('round-trips standard string literals', () => {
    expect(parseStandardStringLiteral(sqlStringLiteral("it's ''x''"))).toBe("it's ''x''");
    expect(parseStandardStringLiteral("'a' || 'b'")).toBeUndefined();
    expect(parseStandardStringLiteral("'unterminated")).toBeUndefined();
  });

  it.each([
    ['0', '0'],
    ['-0.00', '0'],
    ['007.10', '7.1'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['-12345678901234567890.123400', '-12345678901234567890.1234'],
  ])('canonicalNumber(%s) is %s', (text, canonical) => {
    expect(canonicalNumber(text)).toBe(canonical);
  });

  it('leaves what is not a plain number alone', () => {
    expect(canonicalNumber('1e3')).toBeUndefined();
    expect(canonicalNumber('.')).toBeUndefined();
    expect(canonicalNumber('')).toBeUndefined();
    expect(canonicalNumber('0x10')).toBeUndefined();
  });
});

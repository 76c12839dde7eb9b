import { CodegenError, TesseraError } from '../../../../src';
import { compileFunction } from '../../../../src/mapper/codegen/compile';

describe('compileFunction', () => {
  it('returns the function the source builds, with helpers as named parameters', () => {
    const double = compileFunction<(n: number) => number>('return function double(n) { return twice(n); };', {
      twice: (n: number) => n * 2,
    });

    expect(double(21)).toBe(42);
  });

  it('throws a CodegenError carrying the source when it does not compile', () => {
    const source = '// diff Broken\nreturn function diff(s, e) {\n  if (s.a !== e.a) (changed ??= []).push(;\n};';

    let thrown: unknown;
    try {
      compileFunction(source, { toTime: () => 0 });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(CodegenError);
    expect(thrown).toBeInstanceOf(TesseraError);
    const error = thrown as CodegenError;
    expect(error.name).toBe('CodegenError');
    expect(error.source).toBe(source);
    expect(error.message).toContain('Generated code failed to compile (SyntaxError');
    expect(error.message).toContain(source);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });
});

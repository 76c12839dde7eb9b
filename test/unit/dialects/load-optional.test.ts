import { UsageError } from '../../../src';
import { loadOptional } from '../../../src/dialects/load-optional';

describe('loadOptional', () => {
  it('names the npm install command when an optional package is missing', () => {
    expect(() => loadOptional('tessera-no-such-package', 'postgres dialect')).toThrow(
      new UsageError("The postgres dialect needs the 'tessera-no-such-package' package. Install it with: npm install tessera-no-such-package"),
    );
  });

  it('returns the package when it is installed', () => {
    expect(loadOptional<typeof import('tarn')>('tarn', 'connection pool').Pool).toEqual(expect.any(Function));
  });
});

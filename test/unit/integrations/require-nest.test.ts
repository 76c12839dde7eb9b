import { UsageError } from '../../../src';

/** What Node throws for a package that is not installed. */
function notInstalled(pkg: string): never {
  const error = new Error(`Cannot find module '${pkg}'`) as NodeJS.ErrnoException;
  error.code = 'MODULE_NOT_FOUND';
  throw error;
}

test.each(['@nestjs/common', '@nestjs/core'])('tessera-orm/nestjs without %s installed is a UsageError naming the install command', (pkg) => {
  jest.isolateModules(() => {
    jest.doMock(pkg, () => notInstalled(pkg));
    let error: unknown;
    try {
      require('../../../src/nestjs');
    } catch (e) {
      error = e;
    } finally {
      jest.dontMock(pkg);
    }
    // Loaded again in isolation, the errors module is another copy: compare by name.
    expect((error as Error).name).toBe(UsageError.name);
    expect((error as Error).message).toBe(`The NestJS integration (tessera-orm/nestjs) needs the '${pkg}' package. Install it with: npm install ${pkg}`);
  });
});

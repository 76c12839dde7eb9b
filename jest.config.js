/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // The RealWorld example's end-to-end suites run with the rest (examples/realworld/README.md).
  roots: ['<rootDir>/test', '<rootDir>/examples/realworld/test'],
  testMatch: ['**/*.test.ts'],
  // @swc/jest reads .swcrc: legacy decorators + decorator metadata, as tsc emits them.
  transform: { '^.+\\.ts$': '@swc/jest' },
  // Migration files written by the generator import the package by name, as a user's project does.
  moduleNameMapper: { '^tessera-orm$': '<rootDir>/src', '^tessera-orm/dialect$': '<rootDir>/src/dialect', '^tessera-orm/nestjs$': '<rootDir>/src/nestjs' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
};

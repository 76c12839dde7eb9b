import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { UsageError } from '../errors/usage-error';

interface Swc {
  transformSync(source: string, options: Record<string, unknown>): { code: string };
}

type CompileHook = (module: { _compile(code: string, filename: string): void }, filename: string) => void;

// The settings tsc uses for Tessera entities: legacy decorators with their design-type metadata, and class
// fields assigned in the constructor (as with useDefineForClassFields: false), so decorators see them.
const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
  swcrc: false,
  configFile: false,
};

let registered = false;

/**
 * Lets `require` load `.ts` files (the config, its entities, migrations and seeders) by compiling them with
 * @swc/core, looked up from the project first and then from Tessera's own install. Returns false when
 * @swc/core is not installed; `loadTypeScript` turns that into an error naming the package to install.
 */
export function registerTypeScript(projectDir: string): boolean {
  if (registered) return true;
  const swc = findSwc(projectDir);
  if (!swc) return false;
  const extensions = (Module as unknown as { _extensions: Record<string, CompileHook> })._extensions;
  extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { ...SWC_OPTIONS, filename });
    module._compile(code, filename);
  };
  registered = true;
  return true;
}

/** Requires a `.ts` file, failing with install instructions when no TypeScript compiler is available. */
export function requireTypeScript(file: string, projectDir: string): unknown {
  if (!registerTypeScript(projectDir)) throw UsageError.typescriptLoaderMissing(file);
  return require(file);
}

function findSwc(projectDir: string): Swc | undefined {
  for (const from of [projectDir, __dirname]) {
    try {
      const path = require.resolve('@swc/core', { paths: [from] });
      return require(path) as Swc;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  return undefined;
}

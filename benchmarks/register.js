// Runs the TypeScript sources directly with the repository's own SWC settings (../.swcrc): legacy decorators and
// decorator metadata, which all three ORMs read at run time and which esbuild-based runners do not emit.
const { transformSync } = require('@swc/core');
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.swcrc'), 'utf8'));
delete swcrc.$schema;

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, filename, swcrc: false });
  module._compile(code, filename);
};

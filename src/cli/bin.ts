#!/usr/bin/env node
import { runCli } from './run-cli';

// The `tessera` executable (package.json "bin"); everything else lives in runCli so tests can drive it.
// stdin is opened only by a command that reads it (`console`).
runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  get stdin() {
    return process.stdin;
  },
}).then((code) => {
  process.exitCode = code;
});

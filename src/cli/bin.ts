#!/usr/bin/env node
import { runCli } from './run-cli';

// The `tessera` executable (package.json "bin"); everything else lives in runCli so tests can drive it.
runCli(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
);

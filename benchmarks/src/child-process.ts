import { execFile } from 'node:child_process';
import path from 'node:path';

const BENCH_ROOT = path.resolve(__dirname, '..');

/**
 * Runs a TypeScript entry of the benchmark in a fresh Node process (the same Node, with --expose-gc and the SWC
 * runner) and returns the JSON object it printed as its last line of output.
 */
export function runProbe<T>(entry: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '-r', path.join(BENCH_ROOT, 'register.js'), path.join(BENCH_ROOT, entry), ...args],
      { cwd: BENCH_ROOT, maxBuffer: 64 * 1024 * 1024, env: process.env },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${entry} ${args.join(' ')} failed: ${stderr.slice(-4000) || error.message}`));
          return;
        }
        const lines = stdout.trim().split('\n');
        resolve(JSON.parse(lines[lines.length - 1]) as T);
      },
    );
  });
}

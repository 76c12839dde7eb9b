import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Environment {
  readonly cpu: string;
  readonly cores: number;
  readonly memory: string;
  readonly os: string;
  readonly node: string;
  /** Installed versions of the benchmark's dependencies, read from their package.json files. */
  readonly packages: readonly { readonly name: string; readonly version: string }[];
  /** The repository commit the Tessera build came from, marked when src/ had uncommitted changes. */
  readonly tesseraCommit: string;
}

export function describeEnvironment(benchRoot: string): Environment {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    packages: installedVersions(benchRoot).filter((pkg) => !pkg.name.startsWith('@types/')),
    tesseraCommit: repositoryCommit(path.join(benchRoot, '..')),
  };
}

function installedVersions(benchRoot: string): Environment['packages'] {
  const manifest = JSON.parse(fs.readFileSync(path.join(benchRoot, 'package.json'), 'utf8'));
  return Object.keys(manifest.devDependencies ?? {}).map((name) => ({ name, version: versionIn(benchRoot, name) }));
}

function versionIn(projectRoot: string, name: string): string {
  const file = path.join(projectRoot, 'node_modules', name, 'package.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).version : 'not installed';
}

function repositoryCommit(repoRoot: string): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', 'src') ? `${commit} + uncommitted changes in src/` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

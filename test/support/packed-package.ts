import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from './cli-project';

interface PackResult {
  readonly filename: string;
}

/**
 * Installs this package into `projectDir/node_modules/tessera-orm` as npm would publish it: `npm pack` of the
 * repository (dist/ is built by `npm test` before jest runs; --ignore-scripts because there is nothing left to
 * build), the tarball extracted in place. The dependencies the packed package.json declares, and the `alsoLink`
 * packages the project itself uses, are linked from this repository's node_modules, already installed (and
 * better-sqlite3 already built) by `npm ci`, so nothing is downloaded. A dependency missing from the packed
 * package.json is therefore missing here too: the project lives outside the repository.
 */
export function installPackedPackage(projectDir: string, alsoLink: readonly string[]): void {
  const packOutput = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', projectDir], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [{ filename }] = JSON.parse(packOutput) as PackResult[];
  const installed = join(projectDir, 'node_modules/tessera-orm');
  mkdirSync(installed, { recursive: true });
  // npm tarballs hold one top folder, `package/`.
  execFileSync('tar', ['-xzf', join(projectDir, filename), '-C', installed, '--strip-components=1']);

  const { dependencies = {} } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of new Set([...Object.keys(dependencies), ...alsoLink])) {
    const link = join(projectDir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(PACKAGE_ROOT, 'node_modules', name), link, 'dir');
  }
}

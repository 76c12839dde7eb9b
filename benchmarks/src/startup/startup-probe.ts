import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ContenderName } from '../contenders/contender';
import type { DialectName } from '../dialect-target';
import { peakRssKiB } from '../rss/peak-rss-of-process';
import { startupEntitiesSource } from './startup-entities';
import { loadStarter, type StartupEntities } from './starters';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compileTypeScript } = require('../../register.js') as { compileTypeScript(source: string, file: string): string };

/**
 * S12 in a fresh process (so no module, metadata or generated code is cached): compiles the generated entities
 * and loads the library off the clock, then times evaluating the entity module and bringing the ORM up. Prints
 * `{ ms, maxRssKiB }` as its last line. Arguments: contender, dialect, database URL or file.
 */
async function main(): Promise<void> {
  const [contender, dialect, url] = process.argv.slice(2) as [Exclude<ContenderName, 'raw'>, DialectName, string];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  try {
    const file = path.join(dir, 'entities.js');
    fs.writeFileSync(file, compileTypeScript(startupEntitiesSource(contender), path.join(dir, 'entities.ts')));
    const start = await loadStarter(contender);

    const begun = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const entities = require(file) as StartupEntities;
    const close = await start(entities, { dialect, url });
    const ms = performance.now() - begun;

    await close();
    process.stdout.write(`${JSON.stringify({ ms, maxRssKiB: peakRssKiB() })}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CommandLineError } from '../errors/command-line-error';
import { parseDatabaseUrl } from './database-url';
import type { TesseraConfig } from './tessera-config';
import { registerTypeScript, requireTypeScript } from './typescript-loader';

const CONFIG_FILES = ['tessera.config.ts', 'tessera.config.js', 'tessera.config.cjs', 'tessera.config.mjs'];

/** The config a command runs with, and where it came from (for messages). */
export interface LoadedConfig {
  readonly config: TesseraConfig;
  /** The config file, or undefined when only TESSERA_URL was given. */
  readonly path?: string;
}

/**
 * Finds and loads the config: `--config <path>`, else `tessera.config.{ts,js}` in `cwd`. TESSERA_URL, when set,
 * overrides the config's dialect and url (and is enough on its own for commands that need no entities).
 */
export async function loadConfig(cwd: string, env: NodeJS.ProcessEnv, configOption: string | undefined): Promise<LoadedConfig> {
  const path = configOption ? resolve(cwd, configOption) : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (configOption && !existsSync(path as string)) throw CommandLineError.configMissing(path as string);
  const envUrl = env.TESSERA_URL;
  if (!path && !envUrl) throw CommandLineError.configNotFound(cwd);
  // TypeScript migrations and seeders may be loaded later even under a JavaScript config.
  registerTypeScript(cwd);
  const fromFile = path ? await readConfigFile(path, cwd) : {};
  const config = envUrl ? { ...fromFile, ...parseDatabaseUrl(envUrl) } : fromFile;
  return { config, path };
}

async function readConfigFile(path: string, cwd: string): Promise<TesseraConfig> {
  const loaded = path.endsWith('.ts') ? requireTypeScript(path, cwd) : await import(pathToFileURL(path).href);
  let exported = (loaded as { default?: unknown }).default ?? loaded;
  // A CommonJS module seen through import() wraps its exports once more.
  if (isObject(exported) && 'default' in exported && Object.keys(exported).length === 1) exported = exported.default;
  if (typeof exported === 'function') exported = await (exported as () => unknown)();
  if (!isObject(exported)) throw CommandLineError.configInvalid(path, 'it must export an object (or a function returning one) as default');
  if (exported.entities !== undefined && !Array.isArray(exported.entities)) throw CommandLineError.configInvalid(path, '`entities` must be an array of entity classes');
  if (exported.seeders !== undefined && !Array.isArray(exported.seeders)) throw CommandLineError.configInvalid(path, '`seeders` must be an array of seeder classes');
  return exported as TesseraConfig;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

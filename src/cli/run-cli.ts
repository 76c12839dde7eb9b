import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CommandLineError } from '../errors/command-line-error';
import { Orm } from '../orm';
import type { Command, CommandContext, CommandInput } from './command';
import { COMMANDS } from './commands/command-list';
import { parseDatabaseUrl, passwordOf } from './database-url';
import { COMMON_OPTIONS, commandHelp, generalHelp } from './help-text';
import { loadConfig, type LoadedConfig } from './load-config';
import { Terminal, type OutputStream } from './terminal';

/** Where the CLI runs: the process, or a test's stand-in. */
export interface CliEnvironment {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Read by `tessera console` only. */
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * Runs `tessera <argv>` and returns the exit code: 0 success, 1 failure (or drift), 2 usage error.
 * Errors are printed, never thrown.
 */
export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const terminal = new Terminal(environment.stdout, environment.stderr, environment.env);
  terminal.hide(passwordOf(environment.env.TESSERA_URL));
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    terminal.line(generalHelp(COMMANDS, version()));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    terminal.line(version());
    return 0;
  }
  let orm: Orm | undefined;
  try {
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw CommandLineError.unknownCommand(name, COMMANDS.map((c) => c.name));
    const input = parseInput(command, rest);
    if (input.options.help) {
      terminal.line(commandHelp(command));
      return 0;
    }
    let loaded: Promise<LoadedConfig> | undefined;
    const config = () => (loaded ??= loadConfig(environment.cwd, environment.env, input.options.config as string | undefined));
    const context: CommandContext = {
      terminal,
      env: environment.env,
      io: { stdin: environment.stdin, stdout: environment.stdout },
      config,
      openOrm: async ({ entities: needed = true, url } = {}) => {
        if (url !== undefined) {
          terminal.hide(passwordOf(url));
          orm = await Orm.init({ ...parseDatabaseUrl(url), entities: [], requireEntities: false });
          return orm;
        }
        const { config: options, path } = await config();
        const entities = options.entities ?? [];
        if (needed && entities.length === 0) throw CommandLineError.noEntities(command.name, path);
        terminal.hide(passwordOf(options.url));
        orm = await Orm.init({ ...options, entities, requireEntities: false });
        return orm;
      },
    };
    return await command.run(context, input);
  } catch (error) {
    terminal.error((error as Error).message ?? String(error));
    if (environment.env.TESSERA_DEBUG && error instanceof Error && error.stack) terminal.note(error.stack);
    return error instanceof CommandLineError ? 2 : 1;
  } finally {
    await orm?.close().catch(() => undefined);
  }
}

function parseInput(command: Command, argv: readonly string[]): CommandInput {
  const options = { ...command.options, ...COMMON_OPTIONS };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(Object.entries(options).map(([key, { type, short }]) => [key, short ? { type, short } : { type }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    if (!String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) throw error;
    throw CommandLineError.badArguments(command.name, (error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  const specs = command.arguments ?? [];
  const { positionals, values } = parsed;
  if (positionals.length > specs.length) throw CommandLineError.badArguments(command.name, `unexpected argument '${positionals[specs.length]}'`);
  const missing = specs.find((spec, i) => spec.required && positionals[i] === undefined);
  if (missing && !values.help) throw CommandLineError.badArguments(command.name, `the argument <${missing.name}> is missing`);
  return {
    args: Object.fromEntries(specs.map((spec, i) => [spec.name, positionals[i]])),
    options: values as CommandInput['options'],
  };
}

function version(): string {
  // dist/cli/run-cli.js and src/cli/run-cli.ts both sit two levels below package.json.
  return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

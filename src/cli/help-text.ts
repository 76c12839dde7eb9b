import type { Command, OptionSpec } from './command';

const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  config: { type: 'string', value: 'path', description: 'The config file (default: tessera.config.ts or .js here)' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
};

/** The options every command accepts besides its own. */
export const COMMON_OPTIONS = GLOBAL_OPTIONS;

/** `tessera --help`: every command with its summary. */
export function generalHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => usageOf(c).length));
  return [
    `tessera ${version}: schema, migrations, seeding, backup, query analysis and a console for Tessera ORM`,
    '',
    'Usage: tessera <command> [arguments] [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${usageOf(c).padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    ...optionLines(GLOBAL_OPTIONS),
    `  ${'--version'.padEnd(20)}  Show the version`,
    '',
    'Configuration: tessera.config.ts (or .js) in the working directory exports the Orm.init options;',
    'TESSERA_URL (postgres://, mysql://, mariadb://, sqlite:<file>) overrides its connection.',
    'Exit codes: 0 success, 1 failure (or drift, for migration:check), 2 usage error.',
    "Run 'tessera <command> --help' for a command's options.",
  ].join('\n');
}

/** `tessera <command> --help`. */
export function commandHelp(command: Command): string {
  const args = command.arguments ?? [];
  return [
    `Usage: tessera ${usageOf(command)} [options]`,
    '',
    command.description ?? command.summary,
    ...(args.length > 0 ? ['', 'Arguments:', ...args.map((a) => `  ${a.name.padEnd(20)}  ${a.description}${a.required ? '' : ' (optional)'}`)] : []),
    '',
    'Options:',
    ...optionLines({ ...command.options, ...GLOBAL_OPTIONS }),
  ].join('\n');
}

function usageOf(command: Command): string {
  const args = (command.arguments ?? []).map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`));
  return [command.name, ...args].join(' ');
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  return Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` <${spec.value}>` : ''}`;
    return `  ${flag.padEnd(20)}  ${spec.description}`;
  });
}

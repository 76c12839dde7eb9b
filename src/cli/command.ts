import type { Orm } from '../orm';
import type { LoadedConfig } from './load-config';
import type { OutputStream, Terminal } from './terminal';

/** One option of a command, as `node:util` parseArgs takes it, with its help text. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The placeholder shown in help (`--to <name>`). */
  readonly value?: string;
  readonly description: string;
}

/** One positional argument of a command. */
export interface ArgumentSpec {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
}

/** The parsed command line of one command. */
export interface CommandInput {
  readonly args: Readonly<Record<string, string | undefined>>;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

/** What a command may use: the terminal, the config, and an Orm opened from it (closed by the CLI afterwards). */
export interface CommandContext {
  readonly terminal: Terminal;
  readonly env: NodeJS.ProcessEnv;
  /** The process's standard streams, for a command that reads input (`console`). */
  readonly io: { readonly stdin?: NodeJS.ReadableStream; readonly stdout: OutputStream };
  config(): Promise<LoadedConfig>;
  /**
   * Connects; a command that reads no entity metadata (`db:status`, `migration:up`) passes `{ entities: false }`.
   * `url` connects to that database instead of the configured one (`db:restore --url`), without entities.
   */
  openOrm(options?: { entities?: boolean; url?: string }): Promise<Orm>;
}

/** A `tessera <name>` command. `run` returns the exit code: 0 success, 1 failure or drift. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** More help shown by `tessera <name> --help`. */
  readonly description?: string;
  readonly arguments?: readonly ArgumentSpec[];
  readonly options?: Readonly<Record<string, OptionSpec>>;
  run(context: CommandContext, input: CommandInput): Promise<number>;
}

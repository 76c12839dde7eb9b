import { TesseraError } from './tessera-error';

/** The `tessera` command was called wrongly (unknown command or option, missing argument, no config): exit code 2. */
export class CommandLineError extends TesseraError {
  static unknownCommand(name: string, known: readonly string[]): CommandLineError {
    const near = known.filter((k) => k.startsWith(name.split(':')[0]));
    const hint = near.length > 0 ? ` Did you mean ${near.join(', ')}?` : '';
    return new CommandLineError(`Unknown command '${name}'.${hint} Run 'tessera --help' for the list.`);
  }

  static badArguments(command: string, reason: string): CommandLineError {
    return new CommandLineError(`${command}: ${reason}. Run 'tessera ${command} --help' for its usage.`);
  }

  static configNotFound(directory: string): CommandLineError {
    return new CommandLineError(
      `No tessera.config.ts or tessera.config.js in ${directory}, and TESSERA_URL is not set. ` +
        'Create a config file, pass --config <path>, or set TESSERA_URL.',
    );
  }

  static configMissing(path: string): CommandLineError {
    return new CommandLineError(`The config file ${path} does not exist.`);
  }

  static configInvalid(path: string, reason: string): CommandLineError {
    return new CommandLineError(`The config file ${path} is not a Tessera config: ${reason}.`);
  }

  static unknownUrl(scheme: string): CommandLineError {
    return new CommandLineError(
      `TESSERA_URL has the scheme '${scheme}', which names no dialect: use postgres://, mysql://, mariadb:// or sqlite:<file>.`,
    );
  }

  static noEntities(command: string, configPath: string | undefined): CommandLineError {
    const where = configPath ? `${configPath} lists no entities` : 'there is no config file (only TESSERA_URL)';
    return new CommandLineError(`${command} works from the entities, and ${where}: add \`entities: [...]\` to tessera.config.ts.`);
  }

  static productionSchemaUpdate(): CommandLineError {
    return new CommandLineError(
      'schema:update is for development and refuses to run under NODE_ENV=production: generate a migration ' +
        '(tessera migration:generate <name>) and apply it with tessera migration:up.',
    );
  }

  static unknownSeeder(name: string, known: readonly string[]): CommandLineError {
    const list = known.length > 0 ? `the config lists ${known.join(', ')}` : 'the config lists no seeders (add `seeders: [...]`)';
    return new CommandLineError(`No seeder named '${name}': ${list}.`);
  }
}

import type { MigrationDirection } from '../errors/migration-error';

/**
 * What a migration run reports, as `orm.on('migration', (event) => ...)`: a migration starting and finishing
 * (for progress output), and warnings a user must see (on MySQL, DDL outside any transaction).
 */
export type MigrationEvent =
  | { readonly kind: 'start'; readonly name: string; readonly direction: MigrationDirection }
  | { readonly kind: 'done'; readonly name: string; readonly direction: MigrationDirection; readonly durationMs: number; readonly statements: number }
  | { readonly kind: 'warning'; readonly message: string };

export type MigrationListener = (event: MigrationEvent) => void;

/**
 * @internal The listeners of one Orm's migration events. A warning nobody listens to still reaches the user:
 * through the debug logger when `debug` is on, else as a Node process warning (printed on stderr).
 */
export class MigrationEvents {
  private readonly listeners: MigrationListener[] = [];

  constructor(private readonly logger?: (line: string) => void) {}

  on(listener: MigrationListener): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  emit(event: MigrationEvent): void {
    for (const listener of this.listeners) listener(event);
    if (event.kind !== 'warning' || this.listeners.length > 0) return;
    if (this.logger) this.logger(`[tessera] warning: ${event.message}`);
    else process.emitWarning(event.message, 'TesseraMigrationWarning');
  }
}

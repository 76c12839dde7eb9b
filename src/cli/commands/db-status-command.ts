import { performance } from 'node:perf_hooks';
import type { Orm } from '../../orm';
import type { Command } from '../command';
import { maskUrl } from '../database-url';

export const dbStatus: Command = {
  name: 'db:status',
  summary: 'Show connectivity, server version, pool and pending migrations',
  description: 'Connects with the configured URL (password masked) and reports the server, the pool and the migrations. Exits 1 when it cannot connect.',
  async run({ terminal, config, openOrm }) {
    const { config: options } = await config();
    const row = (label: string, value: string) => terminal.line(`${terminal.style('bold', label.padEnd(11))} ${value}`);
    row('Database', maskUrl(options.url ?? ':memory:'));
    row('Dialect', typeof options.dialect === 'object' ? options.dialect.name : (options.dialect ?? 'sqlite'));
    const started = performance.now();
    let orm: Orm;
    try {
      orm = await openOrm({ entities: false });
    } catch (error) {
      row('Connected', `${terminal.style('red', 'no')}: ${(error as Error).message}`);
      return 1;
    }
    const version = await orm.schema.serverVersion();
    row('Connected', `${terminal.style('green', 'yes')} (${Math.round(performance.now() - started)} ms)`);
    row('Server', version);
    const pool = orm.poolStats();
    row('Pool', `${pool.used} used, ${pool.free} idle, ${pool.pending} waiting, max ${pool.max}`);
    const { executed, pending } = await orm.migrator.status();
    row('Migrations', `${executed.length} executed, ${pending.length} pending${pending.length > 0 ? `: ${pending.join(', ')}` : ''}`);
    return 0;
  },
};

import type { Orm } from '../../orm';
import type { Terminal } from '../terminal';

/** Runs `work` with a live count of the statements it sends; returns its result and a summary ("12 statements, 40 ms"). */
export async function runWithProgress<R>(orm: Orm, terminal: Terminal, label: string, work: () => Promise<R>): Promise<{ result: R; summary: string }> {
  const progress = terminal.progress(label);
  const unsubscribe = orm.on('query', () => progress.step());
  try {
    const result = await work();
    const { steps, ms } = progress.stop();
    return { result, summary: `${steps} statement${steps === 1 ? '' : 's'}, ${ms} ms` };
  } finally {
    unsubscribe();
    progress.stop();
  }
}

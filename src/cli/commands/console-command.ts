import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { start, type REPLServer } from 'node:repl';
import { PassThrough } from 'node:stream';
import type { Command } from '../command';

export const dbConsole: Command = {
  name: 'console',
  summary: 'Open a REPL with orm, em and the entity classes in scope',
  description:
    'Starts a Node REPL connected with the config: `orm` (the Orm), `em` (a fork of orm.em, for the session) and every ' +
    'entity class by its name are in scope, and `await` works at the top level (`await em.find(Author, {})`). ' +
    'Reads from stdin, so it also runs a script piped in, one line after the other. `.exit` or Ctrl+D closes it.',
  async run({ terminal, openOrm, io }) {
    const orm = await openOrm({ entities: false });
    const entities = orm.metadata.all.map((meta) => meta.class);
    const stdin = (io.stdin ?? process.stdin) as NodeJS.ReadableStream & { isTTY?: boolean };
    const output = io.stdout as NodeJS.WritableStream & { isTTY?: boolean };
    terminal.note(`Tessera console: orm, em${entities.map((e) => `, ${e.name}`).join('')} are in scope; top-level await works; .exit to leave.`);
    const interactive = Boolean(stdin.isTTY);
    const input = interactive ? stdin : new PassThrough();
    const repl = start({ prompt: 'tessera> ', input, output, terminal: interactive && Boolean(output.isTTY), useGlobal: false });
    Object.assign(repl.context, { orm, em: orm.em.fork(), ...Object.fromEntries(entities.map((entity) => [entity.name, entity])) });
    const closed = once(repl, 'exit');
    if (!interactive) await feedLines(stdin, input as PassThrough, repl, closed);
    await closed;
    return 0;
  },
};

/**
 * Hands piped input to the REPL one line at a time. The REPL evaluates each line as it arrives, even while an
 * `await` of the line before is pending, so a script would run out of order (and reach `.exit` before its work is
 * done); the next line goes in once the REPL shows its prompt again (after a result, an error or a continuation).
 */
async function feedLines(stdin: NodeJS.ReadableStream, feed: PassThrough, repl: REPLServer, closed: Promise<unknown>): Promise<void> {
  let ready: (() => void) | undefined;
  const display = repl.displayPrompt.bind(repl);
  repl.displayPrompt = (preserveCursor?: boolean) => {
    display(preserveCursor);
    ready?.();
  };
  for await (const line of createInterface({ input: stdin, crlfDelay: Infinity })) {
    const prompted = new Promise<void>((resolve) => (ready = resolve));
    feed.write(`${line}\n`);
    if ((await Promise.race([prompted.then(() => 'prompt'), closed.then(() => 'closed')])) === 'closed') return;
  }
  feed.end();
}

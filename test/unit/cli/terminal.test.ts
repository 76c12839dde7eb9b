import { Terminal, type OutputStream } from '../../../src/cli/terminal';

function stream(isTTY: boolean): OutputStream & { text: string } {
  const out = { text: '', isTTY, write: (chunk: string) => (out.text += chunk) };
  return out;
}

describe('Terminal', () => {
  test('colours only on a TTY, and never under NO_COLOR or TERM=dumb', () => {
    const tty = new Terminal(stream(true), stream(true), {});
    expect(tty.style('green', 'ok')).toBe('\u001b[32mok\u001b[39m');
    expect(new Terminal(stream(false), stream(false), {}).style('green', 'ok')).toBe('ok');
    expect(new Terminal(stream(true), stream(true), { NO_COLOR: '' }).style('green', 'ok')).toBe('ok');
    expect(new Terminal(stream(true), stream(true), { TERM: 'dumb' }).style('green', 'ok')).toBe('ok');
  });

  test('a hidden secret is replaced in every line, warning and error', () => {
    const stdout = stream(false);
    const stderr = stream(false);
    const terminal = new Terminal(stdout, stderr, {});
    terminal.hide('s3cr3t');
    terminal.hide(undefined);
    terminal.line('postgres://app:s3cr3t@db/app');
    terminal.error('password s3cr3t was refused');
    terminal.warn('s3cr3t');
    expect(stdout.text).toBe('postgres://app:****@db/app\n');
    expect(stderr.text).toBe('error password **** was refused\nwarning ****\n');
  });

  test('progress is drawn in place on a TTY and cleared before the next line; elsewhere nothing is drawn', () => {
    const tty = stream(true);
    const terminal = new Terminal(tty, stream(true), { NO_COLOR: '1' });
    const progress = terminal.progress('seed');
    progress.step();
    expect(tty.text).toBe('\r\u001b[2Kseed: 1 statements, 0.0s');
    progress.step(); // within 100 ms of the last drawing: not redrawn
    terminal.line('done');
    expect(tty.text).toBe('\r\u001b[2Kseed: 1 statements, 0.0s\r\u001b[2Kdone\n');
    expect(progress.stop().steps).toBe(2);

    const pipe = stream(false);
    const quiet = new Terminal(pipe, stream(false), {}).progress('seed');
    quiet.step();
    expect(quiet.stop().steps).toBe(1);
    expect(pipe.text).toBe('');
  });
});

/** A stream the CLI writes to: process.stdout and process.stderr, or a test's stand-in. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

const CODES: Readonly<Record<Style, [number, number]>> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

const PROGRESS_INTERVAL_MS = 100;

/**
 * What the CLI prints: lines to stdout, errors and warnings to stderr, colours only on a TTY and never under
 * NO_COLOR (https://no-color.org), every secret (the connection password) replaced before it is written, and a
 * progress line (rewritten in place on a TTY only) while a long command runs.
 */
export class Terminal {
  private readonly colour: boolean;
  private readonly secrets: string[] = [];
  private progressShown = false;

  constructor(
    private readonly stdout: OutputStream,
    private readonly stderr: OutputStream,
    env: NodeJS.ProcessEnv,
  ) {
    this.colour = Boolean(stdout.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  }

  /** Never prints `secret` (e.g. a password from the connection URL) in any output. */
  hide(secret: string | undefined): void {
    if (secret) this.secrets.push(secret);
  }

  style(style: Style, text: string): string {
    if (!this.colour) return text;
    const [open, close] = CODES[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  }

  line(text = ''): void {
    this.clearProgress();
    this.stdout.write(`${this.scrub(text)}\n`);
  }

  /** A remark about the result on stderr (so stdout keeps only the result, e.g. SQL to redirect). */
  note(text: string): void {
    this.clearProgress();
    this.stderr.write(`${this.scrub(text)}\n`);
  }

  warn(text: string): void {
    this.clearProgress();
    this.stderr.write(`${this.style('yellow', 'warning')} ${this.scrub(text)}\n`);
  }

  error(text: string): void {
    this.clearProgress();
    this.stderr.write(`${this.style('red', 'error')} ${this.scrub(text)}\n`);
  }

  /**
   * Shows `label` with a live count of steps and the time taken, until `stop()` is called. On a TTY the line is
   * redrawn at most every 100 ms; elsewhere (logs, CI) nothing is drawn and the caller prints a summary.
   */
  progress(label: string): { step(): void; stop(): { steps: number; ms: number } } {
    const started = Date.now();
    let steps = 0;
    let drawn = 0;
    return {
      step: () => {
        steps++;
        if (!this.stdout.isTTY || Date.now() - drawn < PROGRESS_INTERVAL_MS) return;
        drawn = Date.now();
        this.progressLine(`${label}: ${steps} statements, ${((drawn - started) / 1000).toFixed(1)}s`);
      },
      stop: () => {
        this.clearProgress();
        return { steps, ms: Date.now() - started };
      },
    };
  }

  /** Shows `text` as the progress line (on a TTY only), until the next output replaces it. */
  progressLine(text: string): void {
    if (!this.stdout.isTTY) return;
    this.stdout.write(`\r\u001b[2K${this.style('dim', this.scrub(text))}`);
    this.progressShown = true;
  }

  private clearProgress(): void {
    if (!this.progressShown) return;
    this.stdout.write('\r\u001b[2K');
    this.progressShown = false;
  }

  private scrub(text: string): string {
    return this.secrets.reduce((out, secret) => out.split(secret).join('****'), text);
  }
}

import fs from 'node:fs';

/**
 * This process's peak resident set in KiB: Linux's VmHWM, the high-water mark of this process image's memory.
 * Not getrusage's maxrss: a child started by fork + exec inherits the parent's maxrss from before the exec (the
 * harness's own hundreds of MiB), while VmHWM starts afresh with the new image.
 */
export function peakRssKiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: fall back to maxrss, which is then also the parent's if larger.
  }
  return process.resourceUsage().maxRSS;
}

import path from 'node:path';
import { dialectTarget, type DialectName, type DialectTarget } from '../dialect-target';

/**
 * The stream benchmark's own databases (`tessera_stream`, `tessera-stream.sqlite`) beside the main benchmark's:
 * its million-row table must neither slow that run's resets nor be wiped by them.
 */
export function streamTarget(dialect: DialectName): DialectTarget {
  const target = dialectTarget(dialect);
  if (dialect === 'sqlite') return { dialect, url: path.join(path.dirname(target.url), 'tessera-stream.sqlite') };
  const url = new URL(target.url);
  url.pathname = '/tessera_stream';
  return { dialect, url: url.toString() };
}

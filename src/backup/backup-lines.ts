import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { BackupError } from '../errors/backup-error';

/**
 * The lines of a backup file, decompressed as they are read: one chunk of the file in memory at a time (the
 * stream's high-water mark), whatever its size. A gzip error becomes a `BackupError`: a stream that ends early
 * is truncated, anything else (a bad header, a failed CRC, undecodable data) is corrupted.
 */
export async function* backupLines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  // pipeline passes a read error on to gunzip, whose iteration below then throws it.
  pipeline(createReadStream(file), gunzip, () => undefined);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        yield text.slice(start, end);
        start = end + 1;
      }
      rest = text.slice(start);
    }
  } catch (error) {
    throw gzipError(file, error);
  } finally {
    gunzip.destroy();
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

function gzipError(file: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'Z_BUF_ERROR') return BackupError.truncated(file, 'the compressed stream ends early');
  if (code === 'Z_DATA_ERROR') return BackupError.corrupted(file, `not a valid gzip stream: ${(error as Error).message}`, undefined, error);
  return error as Error;
}

import { TesseraError } from './tessera-error';

/** Generated mapper code failed to compile: a Tessera bug. The message carries the source to report. */
export class CodegenError extends TesseraError {
  constructor(
    message: string,
    readonly source: string,
    cause: unknown,
  ) {
    super(message, { cause });
  }

  static compileFailed(source: string, cause: unknown): CodegenError {
    return new CodegenError(`Generated code failed to compile (${String(cause)}):\n${source}`, source, cause);
  }
}

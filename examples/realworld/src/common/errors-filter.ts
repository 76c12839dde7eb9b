import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';

/** The spec's error body, for every error status: `{ "errors": { "body": ["..."] } }`. */
export function errorBody(messages: readonly string[]): { errors: { body: string[] } } {
  return { errors: { body: [...messages] } };
}

/**
 * Writes every error in the spec's format. A body that is not JSON (Nest's 400) is a validation error, 422,
 * since the spec has no 400; anything unexpected is a 500 whose details go to the log, not to the client.
 */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Conduit');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    if (error instanceof HttpException) {
      const status = error.getStatus() === HttpStatus.BAD_REQUEST ? HttpStatus.UNPROCESSABLE_ENTITY : error.getStatus();
      response.status(status).json(errorBody(messagesOf(error)));
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json(errorBody(['internal server error']));
  }
}

function messagesOf(error: HttpException): string[] {
  const body = error.getResponse();
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
  if (Array.isArray(message)) return message.map(String);
  return [typeof message === 'string' ? message : error.message];
}

/** One answer of the API: status and parsed JSON body (undefined when empty). */
export interface Answer<T = any> {
  status: number;
  body: T;
  contentType: string | null;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** A raw body, sent as is (malformed JSON). */
  raw?: string;
  /** Replaces the Authorization header entirely. */
  authorization?: string;
}

/**
 * Calls the API as the Postman collection does: every request (GET and DELETE included) says
 * `Content-Type: application/json`, with an empty body when there is nothing to send.
 */
export function conduitClient(api: string) {
  return async function call<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (options.token) headers.Authorization = `Token ${options.token}`;
    if (options.authorization) headers.Authorization = options.authorization;
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(api + path, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, contentType: response.headers.get('content-type') };
  };
}

export type ConduitCall = ReturnType<typeof conduitClient>;

/** ISO 8601 with milliseconds in UTC, as every dialect must write timestamps. */
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// The one place that talks to onsite-hq: JSON in and out, the session's CSRF token on
// every write, and a 401 anywhere sends the browser back to sign-in.
import type { Session } from './types';
import { i18n } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter: number | null = null,
    // The whole error answer, for fields beyond error/message (import errors, received).
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The endpoint is not there (yet): the page shows "暂不可用" instead of an error. */
  get unavailable(): boolean {
    return this.status === 404 || this.status === 501;
  }

  /** No answer from HQ at all, or a gateway in front of it said so. */
  get serverDown(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** A body sent as it is (CSV text, file bytes) instead of JSON. */
export interface RawBody {
  raw: Blob | ArrayBuffer | string;
  type: string;
}

function isRaw(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && 'raw' in body && 'type' in body;
}

async function request<T>(method: string, path: string, body?: unknown, quiet401 = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = isRaw(body) ? body.type : 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await send(path, {
    method,
    headers,
    body: body === undefined ? undefined : isRaw(body) ? body.raw : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const json = parseJson(await response.text());
  if (!response.ok) throw failure(response, json, quiet401);
  return json as T;
}

/** fetch with the session cookie and no cache; no answer at all is an ApiError too. */
async function send(path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', i18n.global.t('common.networkDown'));
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The ApiError for an error answer; a 401 also sends the browser back to sign-in. */
function failure(response: Response, json: unknown, quiet401 = false): ApiError {
  const error = (json ?? {}) as { error?: string; message?: string } & Record<string, unknown>;
  const retry = Number(response.headers.get('Retry-After'));
  // An answer without HQ's JSON (a proxy's error page) still gets words, never "http_502".
  const fallback = i18n.global.t(response.status >= 500 ? 'common.serverError' : 'common.requestFailed', { status: response.status });
  const apiError = new ApiError(
    response.status,
    error.error ?? `http_${response.status}`,
    error.message || fallback,
    Number.isFinite(retry) && retry > 0 ? retry : null,
    error,
  );
  if (response.status === 401 && !quiet401 && onUnauthorized) onUnauthorized();
  return apiError;
}

/** The file name in Content-Disposition (RFC 5987 filename* first), or null. */
function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // a malformed escape: fall back to the plain name below
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : null;
}

/** Fetches a file (an export) and saves it under the server's name; an error answer is
 *  thrown as ApiError with the server's message instead of a silently failed download. */
export async function download(path: string): Promise<void> {
  const response = await send(path);
  if (!response.ok) throw failure(response, parseJson(await response.text()));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName(response.headers.get('Content-Disposition')) ?? path.split('/').pop()!.split('?')[0];
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the blob to the browser's download; free it once that has started.
  window.setTimeout(() => URL.revokeObjectURL(url), 60000);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  signIn: (account: string, password: string) =>
    request<Session>('POST', '/api/v1/hq/session', { account, password }, true),
  currentSession: () => request<Session>('GET', '/api/v1/hq/session', undefined, true),
  signOut: () => request<void>('DELETE', '/api/v1/hq/session', undefined, true),
};

/** Builds a query string from the set values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function photoUrl(sha256: string, thumb: boolean): string {
  return `/api/v1/hq/photos/${encodeURIComponent(sha256)}${thumb ? '?size=thumb' : ''}`;
}

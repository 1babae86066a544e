import { clientFailure, localizeServerError } from '../server.messages.js';

/** The server's error body: `{ error: { code, message, fields? } }` (src/server/plugins/error-handler.ts). */
interface ErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string> };
}

/** A failed API call: HTTP status, the server's stable code, its Chinese message and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}


// The CSRF token lives in memory only: it comes from login or GET /auth/me and goes out on every write.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(here)}`);
};
/** The app replaces the default full-page redirect with one that keeps the SPA state (see auth/session.tsx). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler) {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A multipart body (file uploads); the browser sets its content type with the boundary. */
  form?: FormData;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /** Leave a 401 to the caller instead of sending the user to the login page (login itself, the session probe). */
  allowUnauthorized?: boolean;
}

/** Builds `?a=1&b=2` from the defined, non-empty values. */
export function toQueryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // Fastify rejects a JSON content type with an empty body, so a bodiless POST sends none.
  if (opts.body !== undefined && !opts.form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(`/api/v1${path}${toQueryString(opts.query)}`, {
      method,
      headers,
      body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', clientFailure('network'));
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // A proxy's HTML error page or an empty body: fall back to the status.
  }
  const e = body?.error;
  const fallback =
    res.status >= 500 ? '服务器内部错误，请稍后重试' : res.status === 404 ? '记录不存在或无权访问' : `请求失败（${res.status}）`;
  const code = e?.code ?? `http_${res.status}`;
  const message = e?.message ?? fallback;
  // English mode: the web's words for what it knows (server.messages.ts), the server's text otherwise.
  const local = localizeServerError(code, message, e?.fields);
  return new ApiError(res.status, code, local.message, local.fields);
}

/** Calls `/api/v1{path}` and returns the parsed JSON; throws ApiError on any non-2xx answer. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(path, opts);
  // A CSRF token can go stale (e.g. the session was renewed in another tab): fetch a fresh one and retry once.
  if (res.status === 403 && (opts.method ?? 'GET') !== 'GET') {
    const err = await toApiError(res.clone());
    if (err.code === 'auth.csrf' && (await refreshCsrfToken())) res = await send(path, opts);
  }
  if (res.status === 401 && !opts.allowUnauthorized) {
    onUnauthorized();
    throw await toApiError(res);
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

async function refreshCsrfToken(): Promise<boolean> {
  const res = await send('/auth/me', {});
  if (!res.ok) return false;
  const body = (await res.json()) as { csrfToken?: string };
  if (!body.csrfToken) return false;
  setCsrfToken(body.csrfToken);
  return true;
}

/** The message to show for any error a query or mutation threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return clientFailure('failed');
}

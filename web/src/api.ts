/**
 * The console's one door to Warden's API. Same origin: the session cookie travels by itself;
 * unsafe methods carry the session's CSRF synchronizer token (x-csrf-token). Errors arrive in
 * the API's one shape `{ error: { code, message, details? } }` and become `ApiError`s.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
let bearer: string | undefined = sessionStorage.getItem('warden.key') ?? undefined;
let onUnauthenticated: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/**
 * An API key instead of a session (operators without a console user). Kept in sessionStorage:
 * gone when the tab closes, never in a cookie that other sites could make the browser send.
 */
export function setBearer(key: string | undefined): void {
  bearer = key;
  if (key) sessionStorage.setItem('warden.key', key);
  else sessionStorage.removeItem('warden.key');
}

export function hasBearer(): boolean {
  return bearer !== undefined;
}

/** Called once by the app: a 401 anywhere sends the analyst back to the login page. */
export function handleUnauthenticated(fn: () => void): void {
  onUnauthenticated = fn;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export async function api<T>(path: string, init: { method?: Method; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  else if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  const body: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    if (res.status === 401 && !path.endsWith('/session')) onUnauthenticated?.();
    throw new ApiError(res.status, e?.code ?? 'HTTP_' + String(res.status), e?.message ?? res.statusText, e?.details);
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error: { code: 'BAD_RESPONSE', message: 'The server answered with something that is not JSON.' } };
  }
}

export function qs(params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * A GET whose answer is a file (a report in Markdown, HTML, PDF or STIX), read as a Blob with
 * its filename from Content-Disposition (RFC 6266). Errors still arrive as the API's JSON shape.
 */
export async function apiFile(path: string): Promise<{ blob: Blob; filename: string | null }> {
  const headers: Record<string, string> = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(path, { headers, credentials: 'same-origin' });
  if (!res.ok) {
    const body = safeJson(await res.text()) as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
    if (res.status === 401) onUnauthenticated?.();
    throw new ApiError(res.status, body?.error?.code ?? 'HTTP_' + String(res.status), body?.error?.message ?? res.statusText, body?.error?.details);
  }
  const m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return { blob: await res.blob(), filename: m?.[1] ?? null };
}

import type { ServerResponse } from 'node:http';
import type { Decision } from './policy/decision.types.js';

/** The error types OpenAI's API uses, so clients written against it branch the same way. */
export type OpenAiErrorType =
  'invalid_request_error' | 'authentication_error' | 'permission_error' | 'rate_limit_error' | 'server_error';

export interface OpenAiError {
  code: string;
  type: OpenAiErrorType;
  message: string;
  param?: string | null;
  headers?: Record<string, string>;
}

/**
 * Answers with OpenAI's error shape, `{"error":{"message","type","param","code"}}`, where `code`
 * is a Warden code (docs/errors.md and docs/gateway.md). A response already under way is left alone.
 */
export function sendOpenAiError(res: ServerResponse, status: number, e: OpenAiError): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify({
    error: { message: e.message, type: e.type, param: e.param ?? null, code: e.code },
  });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...e.headers,
  });
  res.end(body);
}

/**
 * Refuses a request as the policy decided (`block`, or `delay` once its time is up): 403, 429
 * for rate limits (RFC 6585 §4, with `Retry-After`, RFC 9110 §10.2.3) or 503 when detection
 * failed closed. The body names the Warden reason code and the support reference the event
 * carries, never the evidence behind it.
 */
export function refusal(res: ServerResponse, d: Decision, supportRef: string): void {
  const rate = d.reasons.some((r) => r.source === 'rate');
  const status = d.httpStatus ?? (rate ? 429 : 403);
  const main = d.reasons.find((r) => r.action === d.action) ?? d.reasons[0];
  const code = main?.code ?? 'WARDEN_BLOCKED';
  const headers: Record<string, string> = {};
  if (d.retryAfterS !== undefined || status === 429 || status === 503)
    headers['retry-after'] = String(Math.max(1, Math.ceil(d.retryAfterS ?? 1)));
  const message =
    status === 429
      ? `Rate limit reached (${code}); retry after ${headers['retry-after']} s. Support reference: ${supportRef}.`
      : status === 503
        ? `The request could not be checked and was not forwarded (${code}); retry later. Support reference: ${supportRef}.`
        : `This request was refused by the provider's usage policy (${code}). If you think this is a mistake, contact support and quote the reference ${supportRef}.`;
  sendOpenAiError(res, status, {
    code,
    type: status === 429 ? 'rate_limit_error' : status === 503 ? 'server_error' : 'permission_error',
    message,
    headers,
  });
}

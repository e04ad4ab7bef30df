import type { IncomingHttpHeaders } from 'node:http';

/**
 * Hop-by-hop fields (RFC 9110 §7.6.1): they describe one connection and must not be forwarded,
 * together with every field the `Connection` header names. `proxy-connection` and `keep-alive`
 * are the legacy ones RFC 9110 §7.6.1 also asks intermediaries to drop. `host` and
 * `content-length` are recomputed for the next hop; `authorization` carries the gateway key,
 * which never leaves the gateway.
 */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
const notForwardedUp = new Set([...hopByHop, 'host', 'content-length', 'authorization', 'expect']);
const notForwardedDown = hopByHop;

function connectionTokens(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  const out = new Set<string>();
  for (const part of (Array.isArray(value) ? value.join(',') : value).split(',')) {
    const t = part.trim().toLowerCase();
    if (t) out.add(t);
  }
  return out;
}

/**
 * Headers of a client request as they go upstream: hop-by-hop fields, fields named in
 * `Connection`, the gateway's own `x-warden-*` and the configured identity headers removed.
 * Node's parser has already refused CR/LF inside values (RFC 9110 §5.5), so what is left is safe
 * to copy.
 */
export function upstreamHeaders(
  incoming: IncomingHttpHeaders,
  drop: ReadonlySet<string>,
): Record<string, string | string[]> {
  const named = connectionTokens(incoming.connection);
  const out: Record<string, string | string[]> = {};
  for (const name in incoming) {
    if (notForwardedUp.has(name) || drop.has(name) || name.startsWith('x-warden-') || named?.has(name))
      continue;
    const v = incoming[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * Headers of an upstream answer as they go to the client, hop-by-hop fields removed (RFC 9110
 * §7.6.1). `Content-Length` is end-to-end and the body passes unchanged, so it is kept (the
 * client gets a fixed-length answer rather than chunked framing) unless the upstream sent it
 * beside `Transfer-Encoding`, which overrides it (RFC 9112 §6.3).
 */
export function downstreamHeaders(
  incoming: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const named = connectionTokens(incoming.connection);
  const chunked = incoming['transfer-encoding'] !== undefined;
  const out: Record<string, string | string[]> = {};
  for (const name in incoming) {
    if (notForwardedDown.has(name) || named?.has(name) || (chunked && name === 'content-length')) continue;
    const v = incoming[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** RFC 6750 §2.1 bearer token, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.length < 8 || header.length > 512) return undefined;
  if (header.charCodeAt(6) !== 0x20 || header.slice(0, 6).toLowerCase() !== 'bearer') return undefined;
  const t = header.slice(7).trim();
  return /^[A-Za-z0-9._~+/=-]+$/.test(t) ? t : undefined;
}

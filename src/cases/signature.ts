import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature scheme, both ways: `Warden-Signature: t=<unix seconds>,v1=<hex>` where
 * the hex is HMAC-SHA256 (RFC 2104, FIPS 180-4) keyed by the subscription's secret over the
 * bytes `"<t>.<body>"`. Signing the timestamp with the body lets a receiver refuse old
 * deliveries without trusting a separate header; `v1` names the scheme so it can change later.
 */
export const signatureHeader = 'warden-signature';

/** HMAC-SHA256 hex of `t.body`. */
export function computeSignature(secret: string, timestampS: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestampS}.`).update(body).digest('hex');
}

/** The header value for a body sent at `timestampS`. */
export function signPayload(secret: string, timestampS: number, body: string | Buffer): string {
  return `t=${timestampS},v1=${computeSignature(secret, timestampS, body)}`;
}

/** A parsed header: the timestamp and every `v1` signature (a sender rotating secrets may send two). */
export interface ParsedSignature {
  timestampS: number;
  v1: string[];
}

/** Parses `t=…,v1=…`; undefined when malformed (no timestamp, no v1, junk). */
export function parseSignatureHeader(header: string | undefined): ParsedSignature | undefined {
  if (!header || header.length > 1024) return undefined;
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't') {
      if (!/^\d{1,12}$/.test(v)) return undefined;
      t = Number(v);
    } else if (k === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(v)) return undefined;
      v1.push(v.toLowerCase());
    }
  }
  if (t === undefined || v1.length === 0) return undefined;
  return { timestampS: t, v1 };
}

export type SignatureCheck =
  | { ok: true; timestampS: number; signature: string }
  | { ok: false; reason: 'malformed' | 'expired' | 'mismatch' };

/**
 * Verifies a header against the raw body: well formed, timestamp within `toleranceS` of
 * `nowS` (either side, for clock skew), and one `v1` equal to the expected HMAC in constant time.
 * Replay inside the window is the caller's job (remember what was seen).
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string | Buffer,
  nowS: number,
  toleranceS: number,
): SignatureCheck {
  const parsed = parseSignatureHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowS - parsed.timestampS) > toleranceS) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(computeSignature(secret, parsed.timestampS, body), 'hex');
  for (const v of parsed.v1) {
    const got = Buffer.from(v, 'hex');
    if (got.length === expected.length && timingSafeEqual(got, expected)) return { ok: true, timestampS: parsed.timestampS, signature: v };
  }
  return { ok: false, reason: 'mismatch' };
}

/**
 * Retry delay after `attempt` failures (1-based): exponential from `baseMs`, capped, with
 * "equal jitter" (half fixed, half random) so retries from many deliveries spread out yet never
 * come back at once. `random` is injectable for tests.
 */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random, capMs = 3_600_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

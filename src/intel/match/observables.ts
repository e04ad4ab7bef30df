import type { Observation, ObservedObject } from '../pattern/evaluate.js';

/** An indicator-like value found inside prompt text (by src/content's extractor, or any other). */
export interface TextObservable {
  kind: 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'md5' | 'sha1' | 'sha256' | 'sha512' | 'cve';
  value: string;
}

/**
 * What Warden observed in one event, in the shape the matcher reads. Every field is optional;
 * values may be raw (the matcher canonicalises them). `text` holds observables extracted from
 * the prompt, defanged or not.
 */
export interface EventObservables {
  ip?: string;
  email?: string;
  emailDomain?: string;
  account?: string;
  device?: string;
  payment?: string;
  userAgent?: string;
  text?: readonly TextObservable[];
}

/**
 * Undoes the usual defanging of indicators in reports and chats: `hxxp`, `[.]`, `(dot)`,
 * `[at]`, `[:]`, so `hxxps://evil[.]example/x` reads as `https://evil.example/x`.
 */
export function refang(value: string): string {
  return value
    .trim()
    .replace(/^hxxp(s?)(\[:\]|:)/i, 'http$1:')
    .replace(/^fxp(\[:\]|:)/i, 'ftp:')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\s+dot\s+/gi, '.')
    .replace(/\[@\]|\(@\)|\[at\]|\(at\)|\{at\}|\s+at\s+/gi, '@')
    .replace(/\[:\]/g, ':')
    .replace(/\[\/\]/g, '/');
}

const HASH_NAME = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const;

/**
 * The STIX observation an event stands for (STIX 2.1 §9.1), for evaluating patterns: the client
 * IP as ipv4-addr/ipv6-addr and as the source of a network-traffic object carrying the
 * User-Agent, the account as user-account, Warden's device and payment SCOs, and the
 * prompt-text observables as their own SCOs.
 */
export function toObservation(o: EventObservables, timeMs: number): Observation {
  const objects: ObservedObject[] = [];
  if (o.ip) {
    const ip: ObservedObject = { type: o.ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr', value: o.ip };
    objects.push(ip);
    const nt: Record<string, unknown> = { type: 'network-traffic', src_ref: ip };
    if (o.userAgent) nt.extensions = { 'http-request-ext': { request_header: { 'User-Agent': o.userAgent } } };
    objects.push(nt as ObservedObject);
  } else if (o.userAgent) {
    objects.push({ type: 'network-traffic', extensions: { 'http-request-ext': { request_header: { 'User-Agent': o.userAgent } } } });
  }
  if (o.email) objects.push({ type: 'email-addr', value: o.email });
  if (o.emailDomain) objects.push({ type: 'domain-name', value: o.emailDomain });
  if (o.account) objects.push({ type: 'user-account', user_id: o.account, account_login: o.account });
  if (o.device) objects.push({ type: 'x-warden-device', fingerprint: o.device });
  if (o.payment) objects.push({ type: 'x-warden-payment', fingerprint: o.payment });
  for (const t of o.text ?? []) {
    const v = refang(t.value);
    switch (t.kind) {
      case 'ipv4':
        objects.push({ type: 'ipv4-addr', value: v });
        break;
      case 'ipv6':
        objects.push({ type: 'ipv6-addr', value: v });
        break;
      case 'domain':
        objects.push({ type: 'domain-name', value: v });
        break;
      case 'url':
        objects.push({ type: 'url', value: v });
        break;
      case 'email':
        objects.push({ type: 'email-addr', value: v });
        break;
      case 'cve':
        break; // no SCO; CVE ids match vulnerability objects, not patterns
      default:
        objects.push({ type: 'file', hashes: { [HASH_NAME[t.kind]]: v.toLowerCase() } });
    }
  }
  return { time: timeMs, objects };
}

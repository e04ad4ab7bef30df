import { createHmac } from 'node:crypto';

/**
 * Identifiers that must not leave the company (account ids, emails, IPs of honest bystanders)
 * are replaced by a keyed hash: stable within one key, so a partner can correlate two reports
 * from the same provider, but not reversible or guessable without the key (a plain hash of an
 * account id could be brute-forced from the id format).
 */
export type Pseudonymiser = (kind: string, value: string) => string;

/** HMAC-SHA256 over `kind:value`, shortened to 16 hex digits and prefixed with the kind. */
export function createPseudonymiser(key: string): Pseudonymiser {
  if (key.length < 16) throw new RangeError('The pseudonymisation key must be at least 16 characters.');
  const cache = new Map<string, string>();
  return (kind, value) => {
    const k = `${kind}:${value}`;
    let out = cache.get(k);
    if (out === undefined) {
      out = `${kind}-${createHmac('sha256', key).update(k).digest('hex').slice(0, 16)}`;
      cache.set(k, out);
    }
    return out;
  };
}

import { describe, expect, it } from 'vitest';
import { backoffMs, computeSignature, parseSignatureHeader, signPayload, verifySignature } from './signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1","type":"action.executed"}';

  it('verifies what it signs, within the tolerance window', () => {
    const header = signPayload(secret, 1_700_000_000, body);
    expect(verifySignature(secret, header, body, 1_700_000_100, 300)).toMatchObject({ ok: true, timestampS: 1_700_000_000 });
    expect(verifySignature(secret, header, Buffer.from(body), 1_699_999_900, 300).ok).toBe(true);
  });

  it('refuses a forged signature, a changed body, another secret and a stale timestamp', () => {
    const header = signPayload(secret, 1_700_000_000, body);
    expect(verifySignature(secret, header, body.replace('evt_1', 'evt_2'), 1_700_000_000, 300)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature('other', header, body, 1_700_000_000, 300)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(secret, `t=1700000000,v1=${'0'.repeat(64)}`, body, 1_700_000_000, 300).ok).toBe(false);
    expect(verifySignature(secret, header, body, 1_700_000_301, 300)).toEqual({ ok: false, reason: 'expired' });
    // Moving the timestamp invalidates the HMAC, so a stale signature cannot be refreshed.
    const moved = header.replace('t=1700000000', 't=1700000200');
    expect(verifySignature(secret, moved, body, 1_700_000_200, 300)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses malformed and hostile headers', () => {
    for (const h of [undefined, '', 't=', 'v1=abc', 't=1,v1=zz', 't=abc,v1=' + 'a'.repeat(64), 'garbage', 't=1,' + 'x'.repeat(2000), '=,=']) {
      expect(verifySignature(secret, h, body, 1, 300)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('accepts any one of several v1 signatures (secret rotation)', () => {
    const good = computeSignature(secret, 10, body);
    expect(parseSignatureHeader(`t=10,v1=${'a'.repeat(64)},v1=${good}`)?.v1).toHaveLength(2);
    expect(verifySignature(secret, `t=10,v1=${'a'.repeat(64)},v1=${good}`, body, 10, 300).ok).toBe(true);
  });

  it('backs off exponentially with jitter between half and all of the step', () => {
    expect(backoffMs(1, 1000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, () => 0)).toBe(4000);
    expect(backoffMs(4, 1000, () => 1)).toBe(8000);
    expect(backoffMs(40, 1000, () => 1, 60_000)).toBe(60_000);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeValue } from '../../events/index.js';
import { Analysis } from '../../pipeline/index.js';
import { evaluateRequest } from './evaluate.js';
import { evasionScreenFrom } from './evasion-screen.js';
import { DEFAULT_GATEWAY_POLICY } from './policy-file.js';
import { makeContext, makeFacts } from './testing.js';

function decode(v: Record<string, unknown>) {
  const r = decodeValue(0, v);
  if (!r.ok) throw new Error(JSON.stringify(r.rejection));
  return r.value;
}

describe('evasionScreenFrom (the pipeline’s screening as the policy’s evasion port)', () => {
  const analysis = new Analysis();
  const t = (m: number) => `2026-11-20T10:${String(m).padStart(2, '0')}:00Z`;
  analysis.add(decode({ id: 'a1', time: t(0), kind: 'account.created', account: 'acct_old', device: 'dev-shared', payment: { fingerprint: 'pf-old' } }));
  analysis.add(decode({ id: 'a2', time: t(5), kind: 'account.enforced', account: 'acct_old', enforcement: { action: 'terminate', reason: 'malware development' } }));
  analysis.evaluate();
  const screen = evasionScreenFrom(analysis);
  const now = Date.parse('2026-11-22T12:00:00Z');

  it('a new account carrying the terminated account’s device is refused on its first request', () => {
    const d = evaluateRequest(
      makeFacts({ nowMs: now, identity: { account: 'acct_new', ip: '192.0.2.77' }, accountValues: [{ kind: 'device', value: 'dev-shared' }] }),
      makeContext({ evasion: screen }),
      DEFAULT_GATEWAY_POLICY,
    );
    expect(d.action).toBe('block');
    expect(d.reasons).toMatchObject([{ code: 'WARDEN_BAN_EVASION', source: 'evasion', detail: expect.stringContaining('acct_old') as unknown }]);
  });

  it('unrelated values, kinds the screening does not read, and no values at all pass', () => {
    expect(screen.screen('acct_new', [{ kind: 'device', value: 'dev-other' }], now)).toBeUndefined();
    expect(screen.screen('acct_new', [{ kind: 'ip', value: '203.0.113.9' }], now)).toBeUndefined();
    expect(screen.screen('acct_new', [], now)).toBeUndefined();
  });

  it('the actioned account itself is not its own evader, and values used before the enforcement do not count', () => {
    expect(screen.screen('acct_old', [{ kind: 'device', value: 'dev-shared' }], now)).toBeUndefined();
    expect(screen.screen('acct_new', [{ kind: 'payment', value: 'pf-old' }], Date.parse(t(1)))).toBeUndefined();
    expect(screen.screen('acct_new', [{ kind: 'payment', value: 'pf-old' }], now)).toMatchObject({ actionedAccount: 'acct_old', via: 'payment' });
  });
});

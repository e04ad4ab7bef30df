import { describe, expect, it } from 'vitest';
import type { BlockEntry } from '../../enforcement/index.js';
import { decodeChangeMessage, encodeChangeMessage, maxChangeMessageBytes } from './change-message.js';

const entry: BlockEntry = {
  id: 'be_1',
  kind: 'cidr',
  value: '198.51.100.0/24',
  effect: 'block',
  reason: 'network ban',
  source: { caseId: 'case_1' },
  createdAt: 1,
  expiresAt: null,
  revokedAt: null,
  shadow: false,
};

describe('enforcement channel messages', () => {
  it('round-trips upserts and revocations with their origin and publish time', () => {
    expect(decodeChangeMessage(encodeChangeMessage('gw-a', { op: 'upsert', entry }, 1234))).toEqual({
      ok: true,
      origin: 'gw-a',
      at: 1234,
      change: { op: 'upsert', entry },
    });
    const buf = Buffer.from(encodeChangeMessage('gw-b', { op: 'revoke', id: 'be_1', revokedAt: 5 }, 99));
    expect(decodeChangeMessage(buf)).toEqual({
      ok: true,
      origin: 'gw-b',
      at: 99,
      change: { op: 'revoke', id: 'be_1', revokedAt: 5 },
    });
  });

  it('takes a message without a publish time (an older replica) and refuses a malformed one', () => {
    const old = JSON.stringify({
      v: 1,
      origin: 'gw-old',
      change: { op: 'revoke', id: 'be_1', revokedAt: 5 },
    });
    expect(decodeChangeMessage(old)).toEqual({
      ok: true,
      origin: 'gw-old',
      change: { op: 'revoke', id: 'be_1', revokedAt: 5 },
    });
    const bad = JSON.stringify({
      v: 1,
      origin: 'x',
      at: 'yesterday',
      change: { op: 'revoke', id: 'a', revokedAt: 5 },
    });
    expect(decodeChangeMessage(bad).ok).toBe(false);
  });

  it('fills defaults for optional entry fields a writer left out', () => {
    const { reason: _r, source: _s, shadow: _h, ...bare } = entry;
    const d = decodeChangeMessage(
      JSON.stringify({ v: 1, origin: 'x', change: { op: 'upsert', entry: bare } }),
    );
    expect(d.ok && d.change.op === 'upsert' && d.change.entry.shadow).toBe(false);
  });

  it.each([
    ['not JSON', 'hello', 'not JSON'],
    ['empty', '', 'not JSON'],
    ['truncated', '{"v":1,"origin":"x","change":{"op":"revoke"', 'not JSON'],
    ['a JSON scalar', '42', 'wrong shape'],
    [
      'another version',
      JSON.stringify({ v: 2, origin: 'x', change: { op: 'revoke', id: 'a', revokedAt: 1 } }),
      'wrong shape at v',
    ],
    ['an unknown op', JSON.stringify({ v: 1, origin: 'x', change: { op: 'drop-all' } }), 'wrong shape'],
    [
      'an unknown kind',
      encodeChangeMessage('x', { op: 'upsert', entry: { ...entry, kind: 'planet' as never } }),
      'wrong shape',
    ],
    [
      'a fractional time',
      JSON.stringify({ v: 1, origin: 'x', change: { op: 'revoke', id: 'a', revokedAt: 1.5 } }),
      'wrong shape',
    ],
    [
      'a huge id',
      JSON.stringify({ v: 1, origin: 'x', change: { op: 'revoke', id: 'a'.repeat(10_000), revokedAt: 1 } }),
      'wrong shape',
    ],
    [
      '__proto__',
      '{"v":1,"origin":"x","__proto__":{"admin":true},"change":{"op":"revoke","id":"a","revokedAt":1}}',
      'forbidden key',
    ],
    [
      'constructor.prototype',
      '{"v":1,"origin":"x","constructor":{"prototype":{"a":1}},"change":{"op":"revoke","id":"a","revokedAt":1}}',
      'forbidden key',
    ],
  ])('rejects %s', (_name, raw, reason) => {
    const d = decodeChangeMessage(raw);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toContain(reason);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses an oversized message before parsing it, and never echoes content in the reason', () => {
    const huge = `{"v":1,"origin":"${'x'.repeat(maxChangeMessageBytes)}"}`;
    const d = decodeChangeMessage(huge);
    expect(d).toEqual({ ok: false, reason: expect.stringContaining('exceeds') as unknown });
    const secret = decodeChangeMessage('sk-secret-prompt-text');
    expect(secret.ok || secret.reason).not.toContain('secret');
  });

  it('survives deep nesting without throwing', () => {
    expect(decodeChangeMessage('['.repeat(30_000) + ']'.repeat(30_000)).ok).toBe(false);
  });
});

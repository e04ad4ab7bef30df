import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapEventText } from './event-text.js';
import { emptyCounts, luhnValid, maskText } from './mask.js';
import { isPurged, purgeEventText, purgedMarker } from './retention.js';

describe('maskText', () => {
  it.each([
    ['write to alice.smith+work@mail.example.co.uk today', 'write to [email] today', 'email'],
    ['call +1 (415) 555-0132 or 020 7946 0958', 'call [phone] or [phone]', 'phone'],
    ['card 4111 1111 1111 1111 exp 12/29', 'card [card] exp 12/29', 'card'],
    ['card 4111-1111-1111-1111', 'card [card]', 'card'],
    ['key sk-proj-AbCdEf0123456789xyzXYZ0123 here', 'key [secret] here', 'secret'],
    ['AKIAIOSFODNN7EXAMPLE is the id', '[secret] is the id', 'secret'],
    ['token ghp_0123456789abcdefghijABCDEFGHIJ012345', 'token [secret]', 'secret'],
    ['use password=hunter2hunter2 to log in', 'use password=[secret] to log in', 'secret'],
    ['"api_key": "abcd1234efgh5678"', '"api_key": "[secret]"', 'secret'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end', 'jwt [secret] end', 'secret'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAAAA==\n-----END RSA PRIVATE KEY----- done', '[secret] done', 'secret'],
  ] as const)('masks %j', (input, expected, kind) => {
    const counts = emptyCounts();
    expect(maskText(input, counts)).toBe(expected);
    expect(counts[kind]).toBeGreaterThan(0);
  });

  it.each([
    'the year 2024 and version 1.2.3',
    'order 1234 5678 9012 3456 is not a card (Luhn fails)',
    'an @mention and user@localhost',
    'ip 10.0.0.1 and port 8080',
    'ATT&CK T1566.001',
    'short sk-123',
  ])('leaves ordinary text alone: %j', (input) => {
    expect(maskText(input)).toBe(input);
  });

  it('Luhn accepts real test numbers and refuses neighbours', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('5500005555555559')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  // Hostile input: inputs built to make backtracking regexes explode finish (they are linear here).
  it.each([
    ['a@'.repeat(50_000)],
    ['a.'.repeat(50_000) + '@'],
    ['x@' + 'a.'.repeat(50_000)],
    ['1 '.repeat(50_000)],
    ['+('.repeat(50_000)],
    ['password='.repeat(20_000)],
    ['eyJ' + 'a'.repeat(100_000)],
    ['-----BEGIN PRIVATE KEY-----' + 'A'.repeat(100_000)],
    ['sk-' + '-'.repeat(100_000)],
    ['\u0000\uFFFF\uD800'.repeat(10_000)],
  ])('survives hostile input %#', (input) => {
    const out = maskText(input);
    expect(typeof out).toBe('string');
    expect(out.length).toBeLessThanOrEqual(input.length);
  });

  it('never leaves a recognisable email behind (property)', () => {
    const local = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/);
    const domain = fc.stringMatching(/^[a-z0-9]{1,12}\.[a-z]{2,6}$/);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), local, domain, fc.string({ maxLength: 40 }), (before, l, d, after) => {
        const out = maskText(`${before} ${l}@${d} ${after}`);
        expect(out).not.toContain(`${l}@${d}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('event text', () => {
  const event = {
    id: 'e1',
    account: 'a',
    request: { prompt: 'mail bob@example.com', messages: [{ role: 'user', content: 'my card 4111111111111111' }, { role: 'system', content: 'be nice' }, 'odd'] },
    response: { content: 'sure, +44 20 7946 0958' },
  };

  it('maps exactly prompt, message contents and response content', () => {
    const seen: string[] = [];
    mapEventText(event, (t) => (seen.push(t), t));
    expect(seen).toEqual(['mail bob@example.com', 'my card 4111111111111111', 'be nice', 'sure, +44 20 7946 0958']);
    expect(mapEventText(event, (t) => maskText(t))).toMatchObject({
      request: { prompt: 'mail [email]', messages: [{ content: 'my card [card]' }, { content: 'be nice' }, 'odd'] },
      response: { content: 'sure, [phone]' },
    });
  });

  it('does not change the original and survives odd shapes', () => {
    for (const odd of [null, 1, 'x', [], { request: null }, { request: { messages: 'no' } }, { response: [] }]) expect(mapEventText(odd, () => 'y')).toEqual(odd);
    expect(event.request.prompt).toBe('mail bob@example.com');
  });

  it('purges to a marker with length and hash, idempotently', () => {
    const purged = purgeEventText(event) as typeof event;
    expect(purged.request.prompt).toBe(purgedMarker('mail bob@example.com'));
    expect(isPurged(purged.request.prompt)).toBe(true);
    expect(purged.request.prompt).toMatch(/^\[purged len=20 sha256=[0-9a-f]{32}\]$/);
    expect(purgeEventText(purged)).toEqual(purged);
    expect(isPurged('[purged len=1 sha256=zz]')).toBe(false);
  });
});

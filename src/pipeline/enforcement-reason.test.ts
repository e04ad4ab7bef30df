import { describe, expect, it } from 'vitest';
import { classifyEnforcementReason } from './enforcement-reason.js';

describe('classifyEnforcementReason', () => {
  it.each([
    ['Usage policy violation: malicious cyber activity', 'cyber'],
    ['malware development', 'cyber'],
    ['Phishing kit generation', 'cyber'],
    ['phishing spam campaign', 'cyber'],
    ['Usage policy violation: spam', 'other'],
    ['payment fraud (chargebacks)', 'other'],
    ['free-tier abuse', 'other'],
    ['', 'unstated'],
    [undefined, 'unstated'],
    ['policy violation', 'unstated'],
  ] as const)('%s → %s', (reason, want) => {
    expect(classifyEnforcementReason(reason)).toBe(want);
  });

  it('does not read words inside other words', () => {
    expect(classifyEnforcementReason('whacked by moderator')).toBe('unstated');
    expect(classifyEnforcementReason('spamming')).toBe('other');
  });

  it('bounds hostile input: a megabyte reason, unicode and control characters', () => {
    expect(classifyEnforcementReason('a'.repeat(1_000_000) + ' malware')).toBe('unstated');
    expect(classifyEnforcementReason('\u0000\u202e spam \u0000')).toBe('other');
    expect(classifyEnforcementReason('ⓜⓐⓛⓦⓐⓡⓔ')).toBe('unstated');
  });
});

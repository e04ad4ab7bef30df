import { describe, expect, it } from 'vitest';
import { domainSkeleton, localPartStem } from './email-pattern.js';
import { hamming64, simhash64 } from './simhash.js';
import { stableNetworkId } from './network-id.js';

describe('email habits', () => {
  it.each([
    ['k.tanaka87@example.org', 'ktanaka'],
    ['ktanaka.2@mail.example', 'ktanaka'],
    ['john@x.org', undefined],
  ])('stem of %s is %s', (email, stem) => {
    expect(localPartStem(email)).toBe(stem);
  });

  it.each([
    ['examp1e.org', 'example.com'],
    ['rnicrosoft-support.net', 'microsoftsupport.com'],
    ['g00gle.com', 'google.org'],
  ])('%s reads like %s', (a, b) => {
    expect(domainSkeleton(a)).toBe(domainSkeleton(b));
  });

  it('tells different domains apart', () => {
    expect(domainSkeleton('example.org')).not.toBe(domainSkeleton('sample.org'));
  });
});

describe('simhash', () => {
  it('puts near-duplicates close and unrelated prompts far apart', () => {
    const a = simhash64(
      'Explain how satellite communication protocols handle link encryption for military ground stations in 2024',
    );
    const b = simhash64(
      'Explain how satellite communication protocols handle link encryption for military ground stations in 2023',
    );
    const c = simhash64('Give me a recipe for a vegetarian lasagne with spinach and ricotta for six people');
    expect(hamming64(a[0], a[1], b[0], b[1])).toBe(0);
    expect(hamming64(a[0], a[1], c[0], c[1])).toBeGreaterThan(10);
  });
});

describe('stableNetworkId', () => {
  it('depends on the earliest member only, so later joiners keep the id', () => {
    const before = stableNetworkId([
      { account: 'a', firstSeenMs: 10 },
      { account: 'b', firstSeenMs: 20 },
    ]);
    const after = stableNetworkId([
      { account: 'c', firstSeenMs: 30 },
      { account: 'b', firstSeenMs: 20 },
      { account: 'a', firstSeenMs: 10 },
    ]);
    expect(after).toBe(before);
    expect(before).toMatch(/^net-[0-9a-f]{10}$/);
  });
});

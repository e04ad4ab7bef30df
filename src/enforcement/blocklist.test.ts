import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkContains, parseIpNetwork } from '../intel/index.js';
import { Blocklist, strongestEffect, type BlockEntry } from './index.js';

function entry(over: Partial<BlockEntry> & Pick<BlockEntry, 'id' | 'kind' | 'value'>): BlockEntry {
  return {
    effect: 'block',
    reason: '',
    source: {},
    createdAt: 0,
    expiresAt: null,
    revokedAt: null,
    shadow: false,
    ...over,
  };
}

describe('Blocklist', () => {
  it('matches exact values, normalising case and IP spelling', () => {
    const list = new Blocklist([
      entry({ id: 'a', kind: 'email', value: 'K.Tanaka@Example.org' }),
      entry({ id: 'b', kind: 'ip', value: '2001:DB8:0:0::1' }),
    ]);
    expect(list.match([{ kind: 'email', value: 'k.tanaka@example.org' }], 1).map((h) => h.entry.id)).toEqual([
      'a',
    ]);
    expect(list.match([{ kind: 'ip', value: '2001:db8::1' }], 1).map((h) => h.entry.id)).toEqual(['b']);
    expect(list.match([{ kind: 'device', value: 'k.tanaka@example.org' }], 1)).toEqual([]);
  });

  it('matches an address inside a banned range, in both families', () => {
    const list = new Blocklist([
      entry({ id: 'v4', kind: 'cidr', value: '198.51.100.7/24' }),
      entry({ id: 'v6', kind: 'cidr', value: '2001:db8:abcd::/48' }),
    ]);
    expect(list.get('v4')?.value).toBe('198.51.100.0/24');
    expect(list.match([{ kind: 'ip', value: '198.51.100.250' }], 1).map((h) => h.entry.id)).toEqual(['v4']);
    expect(list.match([{ kind: 'ip', value: '198.51.101.1' }], 1)).toEqual([]);
    expect(list.match([{ kind: 'ip', value: '2001:db8:abcd:1::9' }], 1).map((h) => h.entry.id)).toEqual([
      'v6',
    ]);
  });

  it('ignores expired entries at the time asked, and drops revoked ones', () => {
    const list = new Blocklist([entry({ id: 'x', kind: 'account', value: 'acct_1', expiresAt: 100 })]);
    expect(list.match([{ kind: 'account', value: 'acct_1' }], 99)).toHaveLength(1);
    expect(list.match([{ kind: 'account', value: 'acct_1' }], 100)).toHaveLength(0);
    list.apply({ op: 'upsert', entry: entry({ id: 'y', kind: 'device', value: 'd1' }) });
    expect(list.match([{ kind: 'device', value: 'd1' }], 1)).toHaveLength(1);
    list.apply({ op: 'revoke', id: 'y', revokedAt: 5 });
    expect(list.match([{ kind: 'device', value: 'd1' }], 1)).toHaveLength(0);
    expect(list.size).toBe(1);
  });

  it('replaces an entry re-published under the same id, leaving no stale index', () => {
    const list = new Blocklist([entry({ id: 'x', kind: 'device', value: 'd1' })]);
    list.upsert(entry({ id: 'x', kind: 'device', value: 'd2' }));
    expect(list.match([{ kind: 'device', value: 'd1' }], 1)).toHaveLength(0);
    expect(list.match([{ kind: 'device', value: 'd2' }], 1)).toHaveLength(1);
  });

  it('picks the strongest effect among hits', () => {
    const list = new Blocklist([
      entry({ id: 'f', kind: 'org', value: 'o', effect: 'flag' }),
      entry({ id: 'd', kind: 'account', value: 'a', effect: 'degrade' }),
    ]);
    const hits = list.match(
      [
        { kind: 'org', value: 'o' },
        { kind: 'account', value: 'a' },
      ],
      1,
    );
    expect(strongestEffect(hits)).toBe('degrade');
    expect(strongestEffect([])).toBeUndefined();
  });

  it('finds exactly the ranges a reference scan finds, for any ranges and addresses, after removals too', () => {
    const v4 = fc.tuple(
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0, max: 255 }),
    );
    const range = fc
      .tuple(v4, fc.integer({ min: 0, max: 32 }))
      .map(([[a, b, c, d], p]) => `${a}.${b}.${c}.${d}/${p}`);
    const v6range = fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 64 }),
      )
      .map(([a, b, p]) => `2001:db8:${a}:${b.toString(16)}::/${p}`);
    const addr = v4.map(([a, b, c, d]) => `${a}.${b}.${c}.${d}`);
    const v6addr = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffff }))
      .map(([a, b]) => `2001:db8:${a}:${b.toString(16)}::1`);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(range, v6range), { maxLength: 40 }),
        fc.array(fc.oneof(addr, v6addr), { maxLength: 20 }),
        fc.nat(),
        (ranges, addrs, drop) => {
          const list = new Blocklist(ranges.map((value, i) => entry({ id: `r${i}`, kind: 'cidr', value })));
          const removed = ranges.length > 0 ? `r${drop % ranges.length}` : '';
          list.remove(removed);
          for (const a of addrs) {
            const ip = parseIpNetwork(a)!;
            const expected = ranges
              .map((value, i) => ({ id: `r${i}`, net: parseIpNetwork(value)! }))
              .filter(({ id, net }) => id !== removed && networkContains(net, ip))
              .map(({ id }) => id)
              .sort();
            const got = list
              .match([{ kind: 'ip', value: a }], 1)
              .map((h) => h.entry.id)
              .sort();
            expect(got).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps lookups right through replacements, re-upserts and the rebuild after many removals', () => {
    const list = new Blocklist();
    const shadowed = entry({ id: 'same', kind: 'cidr', value: '198.51.100.0/24' });
    list.upsert(shadowed);
    list.upsert(shadowed); // the same object twice: one hit, not two
    expect(list.match([{ kind: 'ip', value: '198.51.100.9' }], 1)).toHaveLength(1);
    // Replaced under the same id by another range: the old range no longer matches.
    list.upsert(entry({ id: 'same', kind: 'cidr', value: '203.0.113.0/24' }));
    expect(list.match([{ kind: 'ip', value: '198.51.100.9' }], 1)).toEqual([]);
    expect(list.match([{ kind: 'ip', value: '203.0.113.9' }], 1).map((h) => h.entry.id)).toEqual(['same']);
    // Enough bans and unbans to force rebuilds; what is left must be exactly what is live.
    for (let i = 0; i < 3000; i++)
      list.upsert(entry({ id: `t${i}`, kind: 'cidr', value: `10.${i >> 8}.${i & 255}.0/24` }));
    for (let i = 0; i < 3000; i++) if (i % 3 !== 0) list.remove(`t${i}`);
    for (let i = 0; i < 3000; i++) {
      const got = list.match([{ kind: 'ip', value: `10.${i >> 8}.${i & 255}.7` }], 1).map((h) => h.entry.id);
      expect(got).toEqual(i % 3 === 0 ? [`t${i}`] : []);
    }
    expect(list.match([{ kind: 'ip', value: '203.0.113.9' }], 1)).toHaveLength(1);
    expect(list.size).toBe(1001);
  });
});

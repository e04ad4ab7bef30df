import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIPv4, networkContains, parseIPv4, parseIpNetwork } from '../net/ip.js';
import { CidrTrie } from './cidr-trie.js';
import { HashFilter } from './hash-filter.js';
import { U32Map } from './u32-map.js';

describe('parseIPv4', () => {
  it('round-trips every address it formats', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => parseIPv4(formatIPv4(n)) === n));
  });
  it.each(['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.1.1.1', '1..1.1', 'a.b.c.d', '', '1.2.3.4 '])('rejects %j', (s) => {
    expect(parseIPv4(s)).toBeNull();
  });
});

describe('CidrTrie', () => {
  it('finds exactly the networks that contain an address (against networkContains)', () => {
    const net = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 })).map(([a, p]) => parseIpNetwork(`${formatIPv4(a)}/${p}`));
    fc.assert(
      fc.property(fc.array(net, { maxLength: 40 }), fc.integer({ min: 0, max: 0xffffffff }), (nets, addr) => {
        const trie = new CidrTrie<number>(4, 4);
        nets.forEach((n, i) => n && trie.insert(n, i));
        if (nets.length % 2 === 1) trie.compact(); // lookups agree before and after compaction
        const got: number[] = [];
        trie.collectContainingV4(addr, got);
        const host = parseIpNetwork(formatIPv4(addr));
        const want = nets.flatMap((n, i) => (n && host && networkContains(n, host) ? [i] : []));
        expect(got.sort((a, b) => a - b)).toEqual(want);
      }),
    );
  });
  it('handles IPv6 networks', () => {
    const trie = new CidrTrie<string>(6);
    trie.insert(parseIpNetwork('2001:db8::/32')!, 'a');
    trie.insert(parseIpNetwork('2001:db8:1::/48')!, 'b');
    const found: string[] = [];
    trie.forEachContaining(parseIpNetwork('2001:db8:1::7')!, (v) => found.push(v));
    expect(found).toEqual(['a', 'b']);
  });
});

describe('U32Map and HashFilter', () => {
  it('behave as a Map and a Set over many keys', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300 }), (keys) => {
        const m = new U32Map(2);
        keys.forEach((k, i) => m.set(k, i));
        expect(keys.every((k, i) => m.get(k) === i)).toBe(true);
        const f = new HashFilter(2);
        keys.forEach((k) => f.add(String(k)));
        expect(keys.every((k) => f.mayContain(String(k)))).toBe(true);
      }),
    );
    expect(new U32Map().get(7)).toBe(-1);
  });
});

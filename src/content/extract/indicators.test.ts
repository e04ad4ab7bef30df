import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractIndicators, type TextIndicator } from './indicators.js';

const values = (text: string, kind?: TextIndicator['kind']): string[] => extractIndicators(text).filter((i) => !kind || i.kind === kind).map((i) => i.value);

describe('extractIndicators', () => {
  it('refangs defanged URLs, domains, IPs and e-mail addresses', () => {
    const found = extractIndicators('beacon hxxps://c2[.]evil-cdn[.]com/gate.php?id=1, fallback 198.51.100[.]7, mail admin[at]corp-mail(dot)ru');
    expect(found.map((i) => [i.kind, i.value, i.defanged])).toEqual([
      ['url', 'https://c2.evil-cdn.com/gate.php?id=1', true],
      ['domain', 'c2.evil-cdn.com', true],
      ['ipv4', '198.51.100.7', true],
      ['email', 'admin@corp-mail.ru', true],
      ['domain', 'corp-mail.ru', true],
    ]);
    expect(found.find((i) => i.within === 'url')?.within).toBe('url');
  });

  it('gives offsets that point at the raw text', () => {
    const text = 'see http://203.0.113.5:8080/x and evil[.]com and bob@example.org';
    for (const i of extractIndicators(text)) expect(text.slice(i.offset, i.offset + i.raw.length)).toBe(i.raw);
  });

  it('does not take file names for domains', () => {
    expect(values('run script.py, read README.md, then setup.sh and main.rs; node.js is fine; e.g. this', 'domain')).toEqual([]);
    expect(values('but update.microsoft.com and evil[.]sh are domains', 'domain')).toEqual(['update.microsoft.com', 'evil.sh']);
  });

  it('finds hashes of each length and normalises CVE ids', () => {
    const text = 'md5 D41D8CD98F00B204E9800998ECF8427E sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709 sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 cve-2023-4966 and CVE 2021 44228';
    expect(extractIndicators(text).map((i) => i.kind)).toEqual(['md5', 'sha1', 'sha256', 'cve', 'cve']);
    expect(values(text, 'md5')).toEqual(['d41d8cd98f00b204e9800998ecf8427e']);
    expect(values(text, 'cve')).toEqual(['CVE-2023-4966', 'CVE-2021-44228']);
  });

  it('finds IPv6 addresses but not clock times', () => {
    expect(values('talk to 2001:DB8::1 at 12:30:45', 'ipv6')).toEqual(['2001:db8::1']);
    expect(values('fe80:0:0:0:0:0:0:1 is link-local', 'ipv6')).toEqual(['fe80::1']);
  });

  it('rejects impossible IPv4 octets and version-like numbers with more parts', () => {
    expect(values('256.1.1.1 and 1.2.3.4.5', 'ipv4')).toEqual([]);
  });

  it('reads a defanged chain as one domain, never its tail on its own', () => {
    expect(values('callback x[.]y[.]evil[.]com and a (dot) b (dot) corp (dot) ru', 'domain')).toEqual(['x.y.evil.com', 'a.b.corp.ru']);
  });

  it('keeps every indicator and its offset when thousands overlap across kinds', () => {
    const unit = 'http://198.51.100.7/a bob@evil.com 203.0.113.9 c2.evil.net ';
    const text = unit.repeat(2000);
    const found = extractIndicators(text);
    // Per unit: the URL and its host, the e-mail and its domain, a bare IP, a bare domain.
    expect(found).toHaveLength(6 * 2000);
    for (const i of found) expect(text.slice(i.offset, i.offset + i.raw.length)).toBe(i.raw);
    expect(new Set(found.filter((i) => !i.within).map((i) => i.offset)).size).toBe(4 * 2000);
  });

  it('never throws and keeps offsets consistent on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        for (const i of extractIndicators(s)) expect(s.slice(i.offset, i.offset + i.raw.length)).toBe(i.raw);
      }),
      { numRuns: 300 },
    );
  });
});

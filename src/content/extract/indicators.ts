import ipaddr from 'ipaddr.js';
import { TLDS } from './tlds.js';

/** Kinds of indicator found in free text, named after the STIX cyber-observable they become. */
export type IndicatorKind = 'url' | 'email' | 'domain' | 'ipv4' | 'ipv6' | 'md5' | 'sha1' | 'sha256' | 'cve';

export interface TextIndicator {
  kind: IndicatorKind;
  /** Refanged and normalised: lower-case hosts, `http` for `hxxp`, `CVE-YYYY-N`, compressed IPv6. */
  value: string;
  /** Exactly as written in the text. */
  raw: string;
  /** UTF-16 offset of `raw` in the text. */
  offset: number;
  /** True when the text wrote it defanged (`hxxp`, `[.]`, `(dot)`, `[at]`, …). */
  defanged: boolean;
  /** Set on a host (domain or IP) found inside a URL or e-mail address. */
  within?: 'url' | 'email';
}

// Separators as defanged by analysts: 'evil[.]com', 'evil(dot)com', 'x[at]y.com', 'hxxps[://]'.
const DOT = String.raw`(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}| \[dot\] | \(dot\) )`;
const AT = String.raw`(?:@|\[at\]|\(at\)|\{at\}|\[@\]| \[at\] | \(at\) )`;
const LABEL = String.raw`[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?`;
const TLD = String.raw`(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})`;
const DOMAIN = String.raw`(?:${LABEL}${DOT})+${TLD}`;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = String.raw`${OCTET}(?:${DOT}${OCTET}){3}`;
const SCHEME = String.raw`(?:h[tx]{2}ps?|s?ftp|fxp)(?:://|\[://\]|\[:\]//|:\[//\])`;

const URL_RE = new RegExp(String.raw`${SCHEME}(?:\[[0-9a-f:.]+\]|${IPV4}|${DOMAIN})(?::\d{1,5})?(?:[/?#][^\s"'<>]*)?`, 'giu');
const EMAIL_RE = new RegExp(String.raw`(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}${AT}${DOMAIN}(?![a-z0-9-])`, 'giu');
const IPV4_RE = new RegExp(String.raw`(?<![\d.])${IPV4}(?![\d]|\.\d)`, 'giu');
const IPV6_RE = /(?<![0-9a-f:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:%[0-9a-z]+)?(?![0-9a-f:])/giu;
// A domain may not start right after a (defanged) dot either: otherwise every label of a long
// 'a[.]a[.]a…' run is a fresh start that scans to the end, and the search turns quadratic.
const AFTER_DEFANGED_DOT = String.raw`(?<!\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}| \[dot\] | \(dot\) )`;
const DOMAIN_RE = new RegExp(String.raw`(?<![a-z0-9_@.-])${AFTER_DEFANGED_DOT}${DOMAIN}(?![a-z0-9_-]|\.[a-z0-9])`, 'giu');
const HASH_RE = /(?<![0-9a-f])(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-f])/giu;
const CVE_RE = /\bCVE[-‐–_ ]?(\d{4})[-‐–_ ](\d{4,7})\b/giu;

/**
 * File extensions that are also country-code or generic TLDs. A two-label name ending in one
 * (`script.py`, `README.md`, `setup.sh`) is read as a file, not a domain, unless the text
 * defangs it or puts it in a URL or e-mail address.
 */
const FILE_LIKE_TLDS = new Set(['py', 'sh', 'md', 'rs', 'pl', 'pm', 'so', 'cc', 'zip', 'mov', 'ml', 'ps', 'cs', 'js', 'ts', 'go', 'rb', 'php', 'exe', 'dll', 'bat', 'ini', 'log', 'txt', 'doc', 'im', 'sc', 'hs', 'kt', 'jl', 'nz']);

function refang(s: string): string {
  return s
    .replace(/ ?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}) ?/giu, '.')
    .replace(/ ?(?:\[at\]|\(at\)|\{at\}|\[@\]) ?/giu, '@')
    .replace(/^h[tx]{2}p/iu, (m) => (m.length === 4 ? 'http' : m))
    .replace(/^hxxps/iu, 'https')
    .replace(/^hxxp/iu, 'http')
    .replace(/^fxp/iu, 'ftp')
    .replace(/\[:\/\/\]|\[:\]\/\/|:\[\/\/\]/u, '://');
}

function isDefanged(raw: string): boolean {
  return /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\[at\]|\(at\)|\{at\}|\[@\]|^h[x]{2}p|^fxp|\[:/iu.test(raw);
}

function validDomain(name: string, defanged: boolean, inContext: boolean): boolean {
  const labels = name.split('.');
  const tld = labels[labels.length - 1] as string;
  if (!TLDS.has(tld) || labels.length < 2) return false;
  if (labels.every((l) => /^\d+$/.test(l.replace(/-/g, '')))) return false;
  if (!defanged && !inContext && labels.length === 2 && FILE_LIKE_TLDS.has(tld)) return false;
  return name.length <= 253;
}

interface Span {
  start: number;
  end: number;
}

/** Merges two lists of disjoint spans, each sorted by start, into one. */
function mergeSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && (a[i] as Span).start <= (b[j] as Span).start) ? a[i++] : b[j++];
    out.push(next as Span);
  }
  return out;
}

function hostOf(url: string): string {
  const afterScheme = url.slice(url.indexOf('://') + 3);
  const host = afterScheme.startsWith('[') ? afterScheme.slice(1, afterScheme.indexOf(']')) : (afterScheme.split(/[/?#:]/u)[0] as string);
  return host;
}

/**
 * Finds indicators in free text: URLs, e-mail addresses, domains, IPv4 and IPv6 addresses,
 * MD5/SHA-1/SHA-256 hashes and CVE ids, including defanged forms (`hxxp://evil[.]com`,
 * `x(at)y(dot)com`). Values are refanged and normalised for matching; offsets point at the raw
 * text. Pure; linear in the text length.
 * @example extractIndicators('beacon to hxxps://c2[.]evil[.]com/a and 198.51.100[.]7')
 */
export function extractIndicators(text: string): TextIndicator[] {
  const found: TextIndicator[] = [];
  // Spans already claimed by earlier passes, disjoint and sorted. One pass's matches arrive in
  // text order and never overlap each other, so a cursor over `taken` checks each in O(1)
  // amortised and the whole extraction stays linear in the number of matches.
  let taken: Span[] = [];
  const take = (re: RegExp, handle: (m: RegExpExecArray) => TextIndicator | TextIndicator[] | null): void => {
    const claimed: Span[] = [];
    let cursor = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const span = { start: m.index, end: m.index + m[0].length };
      while (cursor < taken.length && (taken[cursor] as Span).end <= span.start) cursor++;
      const next = taken[cursor];
      if (next && next.start < span.end) continue;
      const out = handle(m);
      if (!out) continue;
      claimed.push(span);
      found.push(...(Array.isArray(out) ? out : [out]));
    }
    taken = mergeSpans(taken, claimed);
  };

  take(URL_RE, (m) => {
    const raw = m[0].replace(/[.,;:!?)\]}'"]+$/u, '');
    const value = refang(raw);
    const [scheme, ...rest] = value.split('://');
    const url = `${(scheme as string).toLowerCase()}://${rest.join('://')}`;
    const host = hostOf(url).toLowerCase();
    const defanged = isDefanged(raw);
    const hostKind: IndicatorKind | null = ipaddr.IPv4.isValidFourPartDecimal(host) ? 'ipv4' : ipaddr.IPv6.isValid(host) ? 'ipv6' : validDomain(host, true, true) ? 'domain' : null;
    if (!hostKind) return null;
    const normalised = url.replace(/^([a-z]+:\/\/)([^/?#]+)/u, (_s, sch: string, h: string) => sch + h.toLowerCase());
    const hostValue = hostKind === 'ipv6' ? ipaddr.parse(host).toString() : host;
    const schemeLength = (/^[a-z]+(?:\[:\/\/\]|\[:\]\/\/|:\[\/\/\]|:\/\/)/iu.exec(raw)?.[0] ?? '').length;
    const bracketed = raw[schemeLength] === '[' && hostKind === 'ipv6' ? 1 : 0;
    const hostRaw = (/^(?:\[[^\]]+\]|[^/?#:]+)/u.exec(raw.slice(schemeLength))?.[0] ?? host).slice(bracketed, bracketed ? -1 : undefined);
    return [
      { kind: 'url', value: normalised, raw, offset: m.index, defanged },
      { kind: hostKind, value: hostValue, raw: hostRaw, offset: m.index + schemeLength + bracketed, defanged: isDefanged(hostRaw), within: 'url' },
    ];
  });
  take(EMAIL_RE, (m) => {
    const raw = m[0];
    const value = refang(raw).toLowerCase();
    const domain = value.slice(value.lastIndexOf('@') + 1);
    const defanged = isDefanged(raw);
    if (!validDomain(domain, true, true)) return null;
    const at = new RegExp(AT, 'iu').exec(raw);
    const domainOffset = at ? at.index + at[0].length : raw.length - domain.length;
    const domainRaw = raw.slice(domainOffset);
    return [
      { kind: 'email', value, raw, offset: m.index, defanged },
      { kind: 'domain', value: domain, raw: domainRaw, offset: m.index + domainOffset, defanged: isDefanged(domainRaw), within: 'email' },
    ];
  });
  take(IPV4_RE, (m) => ({ kind: 'ipv4', value: refang(m[0]), raw: m[0], offset: m.index, defanged: isDefanged(m[0]) }));
  take(IPV6_RE, (m) => {
    const raw = m[0];
    if (!raw.includes('::') && raw.split(':').length < 8) return null; // times like 12:30:45 are not addresses
    if (!ipaddr.IPv6.isValid(raw.split('%')[0] as string)) return null;
    return { kind: 'ipv6', value: ipaddr.parse(raw.split('%')[0] as string).toString(), raw, offset: m.index, defanged: false };
  });
  take(HASH_RE, (m) => {
    const raw = m[0];
    if (/^\d+$/u.test(raw) || /^[a-f]+$/iu.test(raw)) return null; // all digits or all letters: not a digest
    const kind: IndicatorKind = raw.length === 64 ? 'sha256' : raw.length === 40 ? 'sha1' : 'md5';
    return { kind, value: raw.toLowerCase(), raw, offset: m.index, defanged: false };
  });
  take(CVE_RE, (m) => ({ kind: 'cve', value: `CVE-${m[1] as string}-${m[2] as string}`, raw: m[0], offset: m.index, defanged: false }));
  take(DOMAIN_RE, (m) => {
    const raw = m[0];
    const value = refang(raw).toLowerCase();
    const defanged = isDefanged(raw);
    return validDomain(value, defanged, false) ? { kind: 'domain', value, raw, offset: m.index, defanged } : null;
  });
  return found.sort((a, b) => a.offset - b.offset || (a.within ? 1 : 0) - (b.within ? 1 : 0));
}

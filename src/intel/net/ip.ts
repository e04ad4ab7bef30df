import ipaddr from 'ipaddr.js';

/** An IP network (a single address is a /32 or /128), as 16 bytes for v6 or a uint32 for v4. */
export type IpNetwork = { version: 4; address: number; prefix: number } | { version: 6; bytes: Uint8Array; prefix: number };

/**
 * Parses a dotted-quad IPv4 address to an unsigned 32-bit integer. Hand-written over char codes
 * because it runs on every event: no regex, no allocation. Rejects leading zeros ("010.1.1.1").
 */
export function parseIPv4(s: string): number | null {
  const n = s.length;
  if (n < 7 || n > 15) return null;
  let result = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return null;
      result = result * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return null; // leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return null;
    } else return null;
  }
  if (dots !== 3 || digits === 0) return null;
  return (result * 256 + octet) >>> 0;
}

export function formatIPv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function parseIPv6Bytes(s: string): Uint8Array | null {
  if (!s.includes(':') || !ipaddr.IPv6.isValid(s)) return null;
  try {
    return Uint8Array.from(ipaddr.IPv6.parse(s).toByteArray());
  } catch {
    return null;
  }
}

function maskV4(address: number, prefix: number): number {
  return prefix === 0 ? 0 : (address & (0xffffffff << (32 - prefix))) >>> 0;
}

function maskV6(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < 16; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    out[i] = (out[i] ?? 0) & ((0xff << (8 - keep)) & 0xff);
  }
  return out;
}

/**
 * Parses an address or CIDR ("198.51.100.0/24", "2001:db8::/32", "203.0.113.5"), masking host
 * bits, as STIX ipv4-addr/ipv6-addr `value`s may be either (STIX 2.1 §6.8, §6.9).
 */
export function parseIpNetwork(s: string): IpNetwork | null {
  const slash = s.indexOf('/');
  const addr = slash === -1 ? s : s.slice(0, slash);
  const prefixText = slash === -1 ? null : s.slice(slash + 1);
  if (prefixText !== null && !/^\d{1,3}$/.test(prefixText)) return null;
  const v4 = parseIPv4(addr);
  if (v4 !== null) {
    const prefix = prefixText === null ? 32 : Number(prefixText);
    if (prefix > 32) return null;
    return { version: 4, address: maskV4(v4, prefix), prefix };
  }
  const v6 = parseIPv6Bytes(addr);
  if (v6) {
    const prefix = prefixText === null ? 128 : Number(prefixText);
    if (prefix > 128) return null;
    return { version: 6, bytes: maskV6(v6, prefix), prefix };
  }
  return null;
}

/** The canonical text of an address or network: RFC 5952 for v6, no /32 or /128 suffix on hosts. */
export function formatIpNetwork(n: IpNetwork): string {
  if (n.version === 4) return n.prefix === 32 ? formatIPv4(n.address) : `${formatIPv4(n.address)}/${n.prefix}`;
  const text = ipaddr.fromByteArray(Array.from(n.bytes)).toString();
  return n.prefix === 128 ? text : `${text}/${n.prefix}`;
}

/** Canonical text of an IP string, or null when it is not an address or network. */
export function canonicalIp(s: string): string | null {
  const n = parseIpNetwork(s.trim());
  return n ? formatIpNetwork(n) : null;
}

/** Whether `inner` lies wholly inside `outer` (equal networks included, as §9.6.1 ISSUBSET says). */
export function networkContains(outer: IpNetwork, inner: IpNetwork): boolean {
  if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
  if (outer.version === 4 && inner.version === 4) return maskV4(inner.address, outer.prefix) === outer.address;
  if (outer.version === 6 && inner.version === 6) {
    const m = maskV6(inner.bytes, outer.prefix);
    for (let i = 0; i < 16; i++) if (m[i] !== outer.bytes[i]) return false;
    return true;
  }
  return false;
}

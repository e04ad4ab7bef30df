import ipaddr from 'ipaddr.js';

const ipv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Dotted-quad IPv4 without leading zeros, or a textual IPv6 address (RFC 4291 §2.2) without a zone. */
export function isIp(s: string): boolean {
  if (ipv4.test(s)) return true;
  if (!s.includes(':') || s.includes('%')) return false;
  return ipaddr.IPv6.isValid(s);
}

/**
 * The canonical text of an address and its prefix: /24 for IPv4, /48 for IPv6, the spans a
 * provider's NAT pool or a hosting customer usually holds. IPv4-mapped IPv6 counts as IPv4.
 */
export function ipAndPrefix(s: string): { ip: string; prefix: string } {
  if (ipv4.test(s)) return { ip: s, prefix: `${s.slice(0, s.lastIndexOf('.'))}.0/24` };
  const v6 = ipaddr.IPv6.parse(s);
  if (v6.isIPv4MappedAddress()) return ipAndPrefix(v6.toIPv4Address().toString());
  const [a = 0, b = 0, c = 0] = v6.parts;
  const prefix = `${new ipaddr.IPv6([a, b, c, 0, 0, 0, 0, 0]).toString()}/48`;
  return { ip: v6.toString(), prefix };
}

import { canonicalIp } from '../net/ip.js';

const HEX_HASHES = new Set(['MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'SHA3-256', 'SHA3-512']);

/**
 * The comparable form of an observed or indicated string value. STIX compares strings by code
 * point (§9.6.2), but some values have a native format (§9.6.4): IP addresses compare as
 * addresses ('198.51.100.1/32' = '198.51.100.1'), and domain names and e-mail addresses are
 * case-insensitive on the wire (RFC 4343, RFC 5321 in practice), so Warden lower-cases them on
 * both sides. The evaluator and the compiled matcher both use this one function, which keeps
 * them in agreement.
 */
export function canonicalValue(objectType: string, property: string, value: string): string {
  // Hex digests compare case-insensitively (their hex text is a rendering of bytes).
  if (objectType === 'file' && HEX_HASHES.has(property)) return value.toLowerCase();
  if (property !== 'value') return value;
  switch (objectType) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      return canonicalIp(value) ?? value;
    case 'domain-name':
      return value.toLowerCase().replace(/\.$/, '');
    case 'email-addr':
      return value.toLowerCase();
    default:
      return value;
  }
}

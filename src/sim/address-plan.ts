import type { Rng } from './prng.js';

/**
 * Where simulated addresses come from. Every range is reserved or set aside for documentation,
 * so a simulated world (and its intel bundle) can never block a real network by mistake:
 *
 * | use | range | why this one |
 * |---|---|---|
 * | home broadband | 240.0.0.0/6 (class E, reserved) | 67M addresses: room for 1M households |
 * | company NAT | 244.0.0.0/8 | one or two addresses per company |
 * | university campuses | 245.0.0.0/8, a /16 per campus | a campus prefix many students share |
 * | commercial VPN exits | 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (TEST-NET-1/2/3) | few exits, many unrelated users |
 * | hosting / VPS | 198.18.0.0/15 (benchmarking) | 512 /24s shared by developers, red teams and actors |
 * | mobile carriers (CGNAT) | 100.64.0.0/10 (RFC 6598 shared address space) | what carrier-grade NAT really uses |
 * | home IPv6 | 2001:db8::/32 (documentation) | a /48 per household |
 */

const RESIDENTIAL_BASE = 240 * 2 ** 24;
const RESIDENTIAL_BLOCKS = 2 ** 18; // /24 blocks in 240.0.0.0/6
const CORPORATE_BASE = 244 * 2 ** 24;
const CAMPUS_BASE = 245 * 2 ** 24;
const HOSTING_BASE = (198 * 2 ** 24) + (18 * 2 ** 16);
const HOSTING_BLOCKS = 512;
const MOBILE_BASE = (100 * 2 ** 24) + (64 * 2 ** 16);
const MOBILE_BLOCKS = 2 ** 14; // /24 blocks in 100.64.0.0/10
export const VPN_BLOCKS = ['192.0.2', '198.51.100', '203.0.113'] as const;

/** Dotted-quad text of a 32-bit address. */
export function ipv4FromInt(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** A usable host number in a /24 (never .0 or .255). */
function host(rng: Rng): number {
  return rng.int(1, 254);
}

/** The /24 prefix text ("a.b.c.0/24") of an IPv4 address. */
export function prefix24(ip: string): string {
  return `${ip.slice(0, ip.lastIndexOf('.'))}.0/24`;
}

/** An ISP /24 block number in the residential range; neighbours in one block share the prefix. */
export function residentialBlock(rng: Rng): number {
  return rng.int(0, RESIDENTIAL_BLOCKS - 1);
}

/** An address in a residential block. */
export function residentialIp(block: number, rng: Rng): string {
  return ipv4FromInt(RESIDENTIAL_BASE + block * 256 + host(rng));
}

/** A household's IPv6 address: its own /48 in 2001:db8::/32. */
export function residentialIpv6(rng: Rng): string {
  const h = () => rng.int(1, 0xffff).toString(16);
  return `2001:db8:${h()}:${h()}::${h()}`;
}

/** One of a company's NAT addresses. */
export function corporateIp(rng: Rng): string {
  return ipv4FromInt(CORPORATE_BASE + rng.int(1, 2 ** 24 - 2));
}

/** An address on campus `campus` (0–255): its own /16, NAT pools in a few /24s. */
export function campusIp(campus: number, subnet: number, rng: Rng): string {
  return ipv4FromInt(CAMPUS_BASE + (campus & 255) * 65536 + (subnet & 255) * 256 + host(rng));
}

/** A hosting /24 block number (0–511). */
export function hostingBlock(rng: Rng): number {
  return rng.int(0, HOSTING_BLOCKS - 1);
}

/** A VPS address in hosting block `block`. */
export function hostingIp(block: number, rng: Rng): string {
  return ipv4FromInt(HOSTING_BASE + block * 256 + host(rng));
}

/** A carrier's CGNAT pool: `size` /24 blocks somewhere in 100.64.0.0/10. */
export function mobilePool(size: number, rng: Rng): number[] {
  const blocks: number[] = [];
  const start = rng.int(0, MOBILE_BLOCKS - size - 1);
  for (let i = 0; i < size; i++) blocks.push(start + i);
  return blocks;
}

/** An address from a carrier pool: CGNAT hands a subscriber a different shared address each time. */
export function mobileIp(pool: readonly number[], rng: Rng): string {
  return ipv4FromInt(MOBILE_BASE + rng.pick(pool) * 256 + host(rng));
}

/** The exit addresses of one commercial VPN provider (a handful to a couple of hundred). */
export function vpnExits(provider: number, count: number, rng: Rng): string[] {
  const block = VPN_BLOCKS[provider % VPN_BLOCKS.length] ?? VPN_BLOCKS[0];
  const hosts = rng.sample(Array.from({ length: 254 }, (_, i) => i + 1), Math.min(count, 254));
  return hosts.sort((a, b) => a - b).map((h) => `${block}.${h}`);
}

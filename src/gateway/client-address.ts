import { isIp } from '../events/index.js';
import { canonicalIp, networkContains, parseIpNetwork, type IpNetwork } from '../intel/index.js';

/** Peers whose `X-Forwarded-For` is believed. */
export type TrustedProxies = readonly IpNetwork[];

/** Parses the configured trusted proxies (addresses or CIDR ranges); throws naming a bad one. */
export function compileTrustedProxies(list: readonly string[]): TrustedProxies {
  return list.map((s) => {
    const net = parseIpNetwork(s.includes('/') ? s : s.includes(':') ? `${s}/128` : `${s}/32`);
    if (!net) throw new Error(`identity.trustedProxies: "${s}" is not an IP address or CIDR range`);
    return net;
  });
}

function trusted(ip: string, nets: TrustedProxies): boolean {
  const net = parseIpNetwork(ip);
  if (!net) return false;
  for (const n of nets) if (networkContains(n, net)) return true;
  return false;
}

/** `::ffff:192.0.2.1` (a dual-stack socket's view of an IPv4 peer) as `192.0.2.1`. */
function unmap(peer: string): string {
  return peer.startsWith('::ffff:') && peer.includes('.') ? peer.slice(7) : peer;
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy, in which case
 * `X-Forwarded-For` is walked from the right (the entry the nearest proxy added) past every
 * trusted hop (RFC 7239 §5.2 describes the same walk for `Forwarded`). Entries that are not IP
 * addresses end the walk, so a client cannot smuggle a chosen address past a proxy that appends.
 */
export function clientAddress(
  peer: string | undefined,
  xff: string | string[] | undefined,
  nets: TrustedProxies,
): string | undefined {
  const socketIp = peer === undefined ? undefined : (canonicalIp(unmap(peer)) ?? undefined);
  if (nets.length === 0 || socketIp === undefined || xff === undefined || !trusted(socketIp, nets))
    return socketIp;
  const hops = (Array.isArray(xff) ? xff.join(',') : xff).split(',');
  let client = socketIp;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!.trim();
    if (!isIp(hop)) break;
    client = canonicalIp(hop) ?? hop;
    if (!trusted(client, nets)) break;
  }
  return client;
}

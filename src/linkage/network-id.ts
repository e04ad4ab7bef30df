import { createHash } from 'node:crypto';

/**
 * A network id that survives re-runs and new members: derived from the member that was seen
 * first (ties broken by account id), which stays the same when accounts join later. Prefixed
 * `net-` with 10 hex digits of SHA-256 so ids from different deployments do not look alike.
 */
export function stableNetworkId(members: readonly { account: string; firstSeenMs: number }[]): string {
  let best: { account: string; firstSeenMs: number } | undefined;
  for (const m of members) {
    if (
      !best ||
      m.firstSeenMs < best.firstSeenMs ||
      (m.firstSeenMs === best.firstSeenMs && m.account < best.account)
    )
      best = m;
  }
  const anchor = best?.account ?? '';
  return `net-${createHash('sha256').update(anchor).digest('hex').slice(0, 10)}`;
}

/**
 * A circuit breaker over a clock the caller supplies (stages never read the wall clock):
 * after `failureThreshold` consecutive failures it opens for `cooldownMs`, then lets one trial
 * call through (half-open); a success closes it.
 */
export interface CircuitBreaker {
  /** Whether a call may be made now. */
  allow(nowMs: number): boolean;
  success(): void;
  failure(nowMs: number): void;
  state(nowMs: number): 'closed' | 'open' | 'half-open';
}

export function createCircuitBreaker(failureThreshold: number, cooldownMs: number): CircuitBreaker {
  let failures = 0;
  let openedAt: number | null = null;
  let trialInFlight = false;
  const state = (now: number): 'closed' | 'open' | 'half-open' => (openedAt === null ? 'closed' : now - openedAt >= cooldownMs ? 'half-open' : 'open');
  return {
    allow(now) {
      const s = state(now);
      if (s === 'closed') return true;
      if (s === 'half-open' && !trialInFlight) {
        trialInFlight = true;
        return true;
      }
      return false;
    },
    success() {
      failures = 0;
      openedAt = null;
      trialInFlight = false;
    },
    failure(now) {
      failures++;
      trialInFlight = false;
      if (openedAt !== null || failures >= failureThreshold) openedAt = now;
    },
    state,
  };
}

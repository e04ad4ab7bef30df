import type { IntelMatchPort } from './policy/index.js';

/**
 * The policy's intel port over a matcher that may change (the live pipeline swaps it when new
 * intel arrives) or be absent (no intel loaded: nothing matches).
 */
export function intelMatchFrom(current: () => IntelMatchPort | undefined): IntelMatchPort {
  return {
    match(obs, timeMs) {
      return current()?.match(obs, timeMs) ?? { matches: [], suppressed: [], partial: [] };
    },
  };
}

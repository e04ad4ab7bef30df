import type { BlockKind, BlockProbe } from '../enforcement/index.js';
import type { DecodedEvent, EntityType } from '../events/index.js';
import type { EvasionAlert } from '../pipeline/index.js';
import type { EvasionScreen, IntelMatchPort } from './policy/index.js';

/** Probe kinds that name an entity the pipeline's screening looks at. */
const entityOfKind: Partial<Record<BlockKind, EntityType>> = {
  device: 'device',
  payment: 'payment',
  email: 'email',
  phone: 'phone',
  'api-key': 'api_key',
  'end-user': 'end_user',
};

/**
 * Adapts the live pipeline's ban-evasion screening (`Analysis.screen`: does this event carry a
 * device, card, mailbox, phone, key or end user of an account actioned before?) to the policy's
 * `EvasionScreen`, by presenting the request's account and values as one event at `nowMs`.
 */
export function evasionScreenFrom(screen: (d: DecodedEvent) => EvasionAlert | undefined): EvasionScreen {
  return {
    screen(account: string, values: readonly BlockProbe[], nowMs: number) {
      const entities: DecodedEvent['entities'] = [{ type: 'account', value: account }];
      for (const v of values) {
        const type = entityOfKind[v.kind];
        if (type) entities.push({ type, value: v.value });
      }
      if (entities.length === 1) return undefined;
      const time = new Date(nowMs).toISOString();
      const alert = screen({
        position: 0,
        raw: '',
        timeMs: nowMs,
        entities,
        event: { id: `gateway-screen-${account}`, time, kind: 'request', account, request: { prompt: '-' } },
      });
      return alert && { actionedAccount: alert.actionedAccount, via: alert.via, value: alert.value };
    },
  };
}

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

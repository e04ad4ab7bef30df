import type { BlockKind, BlockProbe } from '../../enforcement/index.js';
import type { DecodedEvent, EntityRef } from '../../events/index.js';
import type { EvasionAlert } from '../../pipeline/index.js';
import type { EvasionScreen } from './context.js';

/** Block kinds the pipeline's screening reads, as the entity types it was built from. */
const entityTypeOf: Partial<Record<BlockKind, EntityRef['type']>> = {
  device: 'device',
  payment: 'payment',
  email: 'email',
  phone: 'phone',
  'api-key': 'api_key',
  'end-user': 'end_user',
};

/**
 * The policy's evasion port over the detection pipeline's `Analysis.screen`: the account's
 * known values (already normalised entities, as the store keeps them) become one synthetic
 * request event at the request's time, screened against the values of accounts actioned before.
 * O(values); answers from what the pipeline knew at its last evaluation.
 */
export function evasionScreenFrom(analysis: { screen(d: DecodedEvent): EvasionAlert | undefined }): EvasionScreen {
  return {
    screen(account: string, values: readonly BlockProbe[], nowMs: number) {
      const entities: EntityRef[] = [];
      for (const v of values) {
        const type = entityTypeOf[v.kind];
        if (type) entities.push({ type, value: v.value });
      }
      if (entities.length === 0) return undefined;
      const d: DecodedEvent = {
        position: 0,
        raw: '',
        timeMs: nowMs,
        entities,
        event: { id: `gateway-screen-${nowMs}`, time: new Date(nowMs).toISOString(), kind: 'request', account, request: { messages: [{ role: 'user', content: '-' }] } },
      };
      const alert = analysis.screen(d);
      return alert ? { actionedAccount: alert.actionedAccount, via: alert.via, value: alert.value } : undefined;
    },
  };
}

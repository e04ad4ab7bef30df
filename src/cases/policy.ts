import { resolveActorName, type ActorCatalogue } from '../intel/index.js';
import { findCaseById } from '../store/index.js';
import { approveAction, proposeAction, type ActionView } from './actions.service.js';
import type { CaseActor } from './case.schema.js';
import { audit, type CasesContext } from './context.js';

/** Who the policy acts as in the audit log and on actions. */
export const policyActor = 'system:policy';
export const stateActorPolicyId = 'state-actor-ban';

/**
 * A tracked state actor: an intrusion set in Warden's catalogue (by any vendor's name) with a
 * named state sponsor, or a country of origin and a state-type motivation (espionage,
 * destruction, influence, surveillance). Criminal and hacktivist sets are not covered.
 */
export function isTrackedStateActor(catalogue: ActorCatalogue, name: string): boolean {
  const r = resolveActorName(catalogue, name);
  if (r.kind !== 'match') return false;
  const a = r.actor;
  return a.sponsor !== undefined || (a.country !== null && ['espionage', 'destruction', 'influence', 'surveillance'].includes(a.motivation));
}

/**
 * "Any network attributed with high confidence to a tracked state actor is terminated": for
 * each given case, proposes a network ban (policy mode `approval`, a lead approves it) or
 * proposes and approves it at once (`auto`). Hubs are never confirmed by the policy. The
 * idempotency key is per network, so re-running never proposes twice.
 */
export async function applyStateActorPolicy(ctx: CasesContext, caseIds: readonly string[]): Promise<ActionView[]> {
  const mode = ctx.config.stateActorPolicy;
  if (mode === 'off' || !ctx.catalogue) return [];
  const out: ActionView[] = [];
  for (const id of caseIds) {
    const c = await findCaseById(ctx.database.db, id);
    const actor = c?.actor as CaseActor | null | undefined;
    if (!c || !c.networkId || actor?.level !== 'high' || !isTrackedStateActor(ctx.catalogue, actor.name)) continue;
    if (c.state === 'closed' || c.disposition === 'false-positive') continue;
    const { action, created } = await proposeAction(
      ctx,
      {
        targetType: 'network',
        targetId: c.networkId,
        kind: 'network-ban',
        reason: `Policy ${stateActorPolicyId}: attributed to ${actor.name} with high confidence (${actor.confidence.toFixed(2)}).`,
        idempotencyKey: `policy:${stateActorPolicyId}:${c.networkId}`,
      },
      policyActor,
      stateActorPolicyId,
    );
    if (created) await audit(ctx, { actor: policyActor, action: 'policy.applied', target: { type: 'case', id }, details: { policy: stateActorPolicyId, mode, action: action.id } });
    out.push(mode === 'auto' && action.state === 'proposed' ? await approveAction(ctx, action.id, policyActor) : action);
  }
  return out;
}

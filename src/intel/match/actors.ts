import type { IntelState } from '../stix/intel-state.js';
import type { ActorRef } from './matcher.types.js';

const ACTOR_TYPES = new Set(['intrusion-set', 'threat-actor']);

/**
 * Which actors each indicator (or vulnerability) points at: `indicates` and `attributed-to`
 * relationships to intrusion sets or threat actors, followed through a campaign's own
 * `attributed-to` (STIX 2.1 §4.7.2, §4.2.2), and an intrusion set's `targets` of a vulnerability.
 */
export function actorsByIndicator(state: IntelState): Map<string, ActorRef[]> {
  const ref = (id: string): ActorRef => {
    const o = state.getObject(id);
    return {
      stixId: id,
      name: typeof o?.name === 'string' ? o.name : id,
      aliases: Array.isArray(o?.aliases) ? (o.aliases as unknown[]).filter((a): a is string => typeof a === 'string') : [],
    };
  };
  const campaignActors = new Map<string, string[]>();
  const links: [string, string][] = [];
  for (const r of state.ofType('relationship')) {
    const o = r.object;
    if (o.revoked === true) continue;
    const src = String(o.source_ref);
    const dst = String(o.target_ref);
    const rel = o.relationship_type;
    if (rel === 'attributed-to' && src.startsWith('campaign--')) {
      campaignActors.set(src, [...(campaignActors.get(src) ?? []), dst]);
    }
    if ((rel === 'indicates' || rel === 'attributed-to') && src.startsWith('indicator--')) links.push([src, dst]);
    if (rel === 'targets' && dst.startsWith('vulnerability--') && ACTOR_TYPES.has(src.slice(0, src.indexOf('--')))) links.push([dst, src]);
  }
  const out = new Map<string, ActorRef[]>();
  for (const [from, to] of links) {
    const targets = to.startsWith('campaign--') ? (campaignActors.get(to) ?? []) : [to];
    for (const t of targets) {
      if (!ACTOR_TYPES.has(t.slice(0, t.indexOf('--')))) continue;
      const list = out.get(from) ?? [];
      if (!list.some((a) => a.stixId === t)) list.push(ref(t));
      out.set(from, list);
    }
  }
  return out;
}

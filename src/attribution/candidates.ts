import { resolveActorName, type ActorCatalogue } from '../intel/index.js';
import { stixIdFor, type ActorCandidate } from './attribute.js';
import type { ActorProfileData } from './profiles.schema.js';

/** An intrusion set as a bundle names it. */
export interface IntelActorName {
  stixId: string;
  name: string;
  aliases: readonly string[];
}

/**
 * The actors a run can attribute to: every profiled actor, plus every intrusion set the intel
 * names. Intel names are resolved through the catalogue's aliases ("APT28" → Forest Blizzard),
 * so a partner's naming and Warden's profile meet in one candidate. An intrusion set the
 * catalogue does not know stays a candidate of its own, attributable on intel alone.
 * Returns the candidates and, per intel STIX id, the candidate key it resolved to.
 */
export function buildCandidates(
  profiles: readonly ActorProfileData[],
  intelActors: readonly IntelActorName[],
  catalogue: ActorCatalogue | undefined,
): { candidates: ActorCandidate[]; keyOf: Map<string, string> } {
  const byKey = new Map<string, ActorCandidate>();
  for (const p of profiles) {
    const cat = catalogue?.byId.get(p.catalogue_id);
    byKey.set(p.catalogue_id, {
      key: p.catalogue_id,
      name: cat?.name ?? p.name,
      stixId: stixIdFor(p.catalogue_id),
      profile: p,
      unknownToWarden: false,
    });
  }
  const keyOf = new Map<string, string>();
  for (const a of intelActors) {
    let catId: string | undefined;
    if (catalogue) {
      for (const n of [a.name, ...a.aliases]) {
        const r = resolveActorName(catalogue, n);
        if (r.kind === 'match') {
          catId = r.actor.id;
          break;
        }
      }
    }
    const key = catId ?? a.stixId;
    keyOf.set(a.stixId, key);
    const existing = byKey.get(key);
    if (existing) {
      // Intel's STIX id is the one partners know; prefer it over the derived one.
      if (existing.stixId === stixIdFor(key)) existing.stixId = a.stixId;
      continue;
    }
    const cat = catId ? catalogue?.byId.get(catId) : undefined;
    byKey.set(key, { key, name: cat?.name ?? a.name, stixId: a.stixId, unknownToWarden: cat === undefined });
  }
  return { candidates: [...byKey.values()], keyOf };
}

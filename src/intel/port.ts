import { extractIndicators } from '../content/index.js';
import { requestText, type DecodedEvent } from '../events/index.js';
import { compileMatcher, type MatcherOptions } from './match/compile.js';
import { HubTracker } from './match/exclusions.js';
import type { ActorRef, IntelMatch } from './match/matcher.types.js';
import { toObservation, type EventObservables, type TextObservable } from './match/observables.js';
import type { Observation } from './pattern/evaluate.js';
import type { IntelState } from './stix/intel-state.js';

/** An IntelMatch in the shape the pipeline's `IntelHit` port expects (confidence undefined when absent). */
export type IntelPortHit = Omit<IntelMatch, 'confidence'> & { confidence: number | undefined };

export interface IntelPortOptions extends MatcherOptions {
  /**
   * Observables found in the event's prompt text. Default: src/content's `extractIndicators`
   * over the user's request text (defanged forms included); `false` turns text matching off.
   */
  extractText?: ((event: DecodedEvent) => readonly TextObservable[]) | false;
  /** Accounts past which a matched value counts as a hub (default 50). */
  hubCap?: number;
  /** Observations kept per (account, multi-observation indicator) to decide it (default 64). */
  historyDepth?: number;
}

/** Indicators in the user's words of the request (never system or assistant turns). */
function defaultExtractText(d: DecodedEvent): readonly TextObservable[] {
  const text = requestText(d.event);
  return text ? extractIndicators(text) : [];
}

/** The observables Warden reads from a decoded event's normalised entities. */
export function observablesOfEvent(d: DecodedEvent): EventObservables {
  const o: { -readonly [K in keyof EventObservables]: EventObservables[K] } = {};
  for (const e of d.entities) {
    switch (e.type) {
      case 'ip':
        o.ip = e.value;
        break;
      case 'email':
        o.email = e.value;
        break;
      case 'email_domain':
        o.emailDomain = e.value;
        break;
      case 'account':
        o.account = e.value;
        break;
      case 'device':
        o.device = e.value;
        break;
      case 'payment':
        o.payment = e.value;
        break;
      case 'user_agent':
        o.userAgent = e.value;
        break;
      default:
        break;
    }
  }
  return o;
}

/**
 * Everything the pipeline needs from intel, built from an IntelState: matching each decoded
 * event at its own time (with evidence, warninglists and hub cap applied), the actors the intel
 * names, and the warninglist check linkage uses. Structurally the pipeline's `IntelPort`.
 */
export function createIntelPort(state: IntelState, options: IntelPortOptions = {}) {
  const matcher = compileMatcher(state, options);
  const hubs = new HubTracker(options.hubCap ?? 50);
  const actors: ActorRef[] = [];
  for (const type of ['intrusion-set', 'threat-actor']) {
    for (const r of state.ofType(type)) {
      if (r.object.revoked === true) continue;
      const aliases = Array.isArray(r.object.aliases) ? (r.object.aliases as unknown[]).filter((a): a is string => typeof a === 'string') : [];
      actors.push({ stixId: r.object.id, name: typeof r.object.name === 'string' ? r.object.name : r.object.id, aliases });
    }
  }
  const warninglist = options.warninglists?.forLinkage;
  // Multi-observation patterns: only observations that partially matched an indicator can
  // contribute to it, so keeping those (per account and indicator) is enough to decide it.
  const histories = new Map<string, Observation[]>();
  const depth = options.historyDepth ?? 64;
  return {
    source: 'src/intel',
    matcher,
    actors: (): readonly ActorRef[] => actors,
    ...(warninglist ? { warninglist } : {}),
    /** Indicator hits for one event, judged at `event.timeMs`; suppressed ones are left out. */
    matchEvent(d: DecodedEvent): IntelPortHit[] {
      const obs = observablesOfEvent(d);
      const text = options.extractText === false ? undefined : (options.extractText ?? defaultExtractText)(d);
      const observed = text && text.length > 0 ? { ...obs, text } : obs;
      const ctx = { account: d.event.account, hubs };
      const outcome = matcher.match(observed, d.timeMs, ctx);
      const matches = [...outcome.matches];
      for (const p of outcome.partial) {
        const key = `${d.event.account}\u0000${p.indicatorId}`;
        const kept = histories.get(key) ?? [];
        kept.push(toObservation(observed, d.timeMs));
        if (kept.length > depth) kept.shift();
        histories.set(key, kept);
        matches.push(...matcher.matchHistory(p, kept, d.timeMs, ctx).matches);
      }
      return matches.map((m) => ({ ...m, confidence: m.confidence ?? undefined }));
    },
  };
}

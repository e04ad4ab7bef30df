import { parseIPv4, parseIpNetwork } from '../net/ip.js';
import { evaluatePattern, type Observation } from '../pattern/evaluate.js';
import { canonicalValue } from '../pattern/canonical.js';
import type { Pattern } from '../pattern/ast.js';
import type { IntelState } from '../stix/intel-state.js';
import type { TlpLevel } from '../stix/markings.js';
import type { StixObject } from '../stix/types.js';
import { actorsByIndicator } from './actors.js';
import { anchorsOf, type Slot } from './anchors.js';
import { CidrTrie } from './cidr-trie.js';
import { confidenceAt, DEFAULT_HALF_LIFE_DAYS, type HalfLives } from './decay.js';
import type { HubTracker} from './exclusions.js';
import { type ExclusionList } from './exclusions.js';
import type { ActorRef, IntelMatch, MatchField, MatchOutcome, MatcherStats } from './matcher.types.js';
import { refang, toObservation, type EventObservables } from './observables.js';
import type { Warninglists } from './warninglists.js';

interface CompiledIndicator {
  id: string;
  pattern: Pattern;
  direct: boolean;
  /** No indexable comparison: evaluated against every event. */
  scanned: boolean;
  history: boolean;
  validFromMs: number;
  validUntilMs: number;
  validFrom: string | null;
  validUntil: string | null;
  confidence: number | null;
  source: string;
  createdBy: string | null;
  marking: TlpLevel | null;
  actors: readonly ActorRef[];
}

export interface MatcherOptions {
  warninglists?: Warninglists;
  exclusions?: ExclusionList;
  /** Confidence half-life per field kind, in days (decay applies to indicators without valid_until). */
  halfLifeDays?: Partial<HalfLives>;
  /** Matches whose decayed confidence falls below this are suppressed as `decayed`. Default 5. */
  minConfidence?: number;
}

/** Per-call context: the account for hub counting, and the caller's hub tracker. */
export interface MatchContext {
  account?: string;
  hubs?: HubTracker;
}

type Postings = number | number[];

const EVENT_SLOTS: ReadonlyArray<[keyof EventObservables, MatchField, readonly Slot[]]> = [
  ['email', 'email', ['email']],
  ['emailDomain', 'email_domain', ['domain']],
  ['account', 'account', ['acct_id', 'acct_login']],
  ['device', 'device', ['device']],
  ['payment', 'payment', ['payment']],
  ['userAgent', 'user_agent', ['ua']],
];

const TEXT_SLOTS: Record<string, [MatchField, Slot, string, string]> = {
  domain: ['prompt:domain', 'domain', 'domain-name', 'value'],
  url: ['prompt:url', 'url', 'url', 'value'],
  email: ['prompt:email', 'email', 'email-addr', 'value'],
};
const HASH_ALG: Record<string, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

/**
 * A compiled matcher over every evaluable indicator of an IntelState: exact values in hash
 * maps (IPv4 hosts keyed as integers), networks in prefix tries, so a lookup costs O(1) per
 * event value however many indicators are loaded. Patterns that need more than the lookup are
 * confirmed by the reference evaluator; those with no indexable comparison are evaluated
 * against every event. Matching is pure: it reads only its arguments, judged at `timeMs`.
 */
export class IntelMatcher {
  private readonly indicators: CompiledIndicator[] = [];
  private readonly exact = new Map<Slot, Map<string, Postings>>();
  private readonly v4 = new Map<Slot, Map<number, Postings>>();
  private readonly tries = new Map<Slot, [CidrTrie<number>, CidrTrie<number>]>();
  private readonly scan: number[] = [];
  private readonly cves = new Map<string, ActorRef[] & { vulnerabilityId?: string }>();
  private readonly vulnerabilityIds = new Map<string, string>();
  private readonly halfLives: HalfLives;
  readonly stats: MatcherStats;

  constructor(
    state: IntelState,
    private readonly options: MatcherOptions = {},
  ) {
    this.halfLives = { ...DEFAULT_HALF_LIFE_DAYS, ...options.halfLifeDays };
    this.stats = { indicators: 0, direct: 0, verified: 0, scanned: 0, history: 0, skipped: {}, exactKeys: 0, cidrPrefixes: 0 };
    const actors = actorsByIndicator(state);
    for (const rec of state.values()) {
      const o = rec.object;
      if (o.type === 'vulnerability' && typeof o.name === 'string') this.addVulnerability(o, actors.get(o.id) ?? []);
      if (o.type !== 'indicator') continue;
      this.stats.indicators++;
      const skip = (reason: string) => (this.stats.skipped[reason] = (this.stats.skipped[reason] ?? 0) + 1);
      if (o.revoked === true) {
        skip('revoked');
        continue;
      }
      const support = rec.support;
      if (!support || support.status !== 'supported') {
        skip(support?.status === 'unsupported' ? support.reason : 'unanalysed');
        continue;
      }
      const createdByRef = typeof o.created_by_ref === 'string' ? o.created_by_ref : null;
      const creator = createdByRef ? state.getObject(createdByRef) : undefined;
      const index = this.indicators.length;
      const anchors = anchorsOf(support.pattern);
      const compiled: CompiledIndicator = {
        id: o.id,
        pattern: support.pattern,
        direct: anchors?.direct === true && support.scope === 'event',
        scanned: anchors === null && support.scope === 'event',
        history: support.scope === 'history',
        validFromMs: typeof o.valid_from === 'string' ? Date.parse(o.valid_from) : -Infinity,
        validUntilMs: typeof o.valid_until === 'string' ? Date.parse(o.valid_until) : Infinity,
        validFrom: typeof o.valid_from === 'string' ? o.valid_from : null,
        validUntil: typeof o.valid_until === 'string' ? o.valid_until : null,
        confidence: typeof o.confidence === 'number' ? o.confidence : null,
        source: rec.provenance.source,
        createdBy: typeof creator?.name === 'string' ? creator.name : createdByRef,
        marking: state.tlpOf(o),
        actors: actors.get(o.id) ?? [],
      };
      this.indicators.push(compiled);
      if (compiled.history) this.stats.history++;
      else if (!anchors) this.stats.scanned++;
      else if (compiled.direct) this.stats.direct++;
      else this.stats.verified++;
      if (!anchors) {
        if (!compiled.history) this.scan.push(index);
        continue;
      }
      for (const a of anchors.anchors) {
        if (a.kind === 'cidr') {
          this.trieFor(a.slot)[a.net.version === 4 ? 0 : 1].insert(a.net, index);
          this.stats.cidrPrefixes++;
          continue;
        }
        for (const key of a.keys) {
          this.stats.exactKeys++;
          const v4 = a.slot === 'ipval' || a.slot === 'ntsrc' ? parseIPv4(key) : null;
          if (v4 !== null) addPosting(mapFor(this.v4, a.slot), v4, index);
          else addPosting(mapFor(this.exact, a.slot), key, index);
        }
      }
    }
  }

  private trieFor(slot: Slot): [CidrTrie<number>, CidrTrie<number>] {
    let t = this.tries.get(slot);
    if (!t) this.tries.set(slot, (t = [new CidrTrie<number>(4), new CidrTrie<number>(6)]));
    return t;
  }

  private addVulnerability(o: StixObject, actors: ActorRef[]): void {
    const name = String(o.name).toUpperCase();
    if (!/^CVE-\d{4}-\d{4,}$/.test(name)) return;
    this.cves.set(name, actors);
    this.vulnerabilityIds.set(name, o.id);
  }

  /** Ids of the indicators reached through one slot and value. */
  private lookup(slot: Slot, value: string, visit: (index: number) => void): void {
    if (slot === 'ipval' || slot === 'ntsrc') {
      const v4 = parseIPv4(value);
      if (v4 !== null) {
        const p = this.v4.get(slot)?.get(v4);
        if (p !== undefined) forEachPosting(p, visit);
        this.tries.get(slot)?.[0].forEachContainingV4(v4, visit);
        return;
      }
      const net = parseIpNetwork(value);
      if (!net) return;
      const p = this.exact.get(slot)?.get(canonicalValue('ipv6-addr', 'value', value));
      if (p !== undefined) forEachPosting(p, visit);
      this.tries.get(slot)?.[net.version === 4 ? 0 : 1].forEachContaining(net, visit);
      return;
    }
    const p = this.exact.get(slot)?.get(value);
    if (p !== undefined) forEachPosting(p, visit);
  }

  /**
   * Matches one event's observables at the event's time. Returns every match with its
   * evidence, the matches suppressed (excluded, decayed) with the reason, and partial matches of
   * multi-observation patterns. Cost: a few hash lookups and trie walks per value.
   */
  match(obs: EventObservables, timeMs: number, ctx: MatchContext = {}): MatchOutcome {
    let hits: [number, MatchField, string][] | null = null;
    const add = (field: MatchField, value: string) => (i: number) => (hits ??= []).push([i, field, value]);
    if (obs.ip) {
      const ip = obs.ip;
      this.lookup('ipval', ip, add('ip', ip));
      this.lookup('ntsrc', ip, add('ip', ip));
    }
    for (const [key, field, slots] of EVENT_SLOTS) {
      const raw = obs[key];
      if (typeof raw !== 'string' || raw === '') continue;
      const value = key === 'email' || key === 'emailDomain' ? raw.toLowerCase() : raw;
      for (const s of slots) this.lookup(s, value, add(field, value));
    }
    const outcome: MatchOutcome = { matches: [], suppressed: [], partial: [] };
    for (const t of obs.text ?? []) {
      const v = refang(t.value);
      if (t.kind === 'ipv4' || t.kind === 'ipv6') this.lookup('ipval', v, add('prompt:ip', v));
      else if (t.kind === 'cve') this.matchCve(v, timeMs, outcome);
      else if (t.kind in HASH_ALG) {
        const h = v.toLowerCase();
        this.lookup('hash', `${HASH_ALG[t.kind]}:${h}`, add('prompt:hash', h));
      } else {
        const [field, slot, type, prop] = TEXT_SLOTS[t.kind] as [MatchField, Slot, string, string];
        const c = canonicalValue(type, prop, v);
        this.lookup(slot, c, add(field, c));
      }
    }
    let observation: Observation | null = null;
    const observe = () => (observation ??= toObservation(obs, timeMs));
    for (const i of this.scan) {
      const ind = this.indicators[i] as CompiledIndicator;
      if (evaluatePattern(ind.pattern, [observe()])) (hits ??= []).push([i, scanField(ind, obs), scanValue(ind, obs)]);
    }
    if (hits === null) return outcome;
    const seen = new Set<number>();
    for (const [i, field, value] of hits) {
      if (seen.has(i)) continue;
      const ind = this.indicators[i] as CompiledIndicator;
      if (timeMs < ind.validFromMs || timeMs >= ind.validUntilMs) continue;
      if (ind.history) {
        seen.add(i);
        outcome.partial.push({ indicatorId: ind.id, field, value });
        continue;
      }
      if (!ind.direct && !ind.scanned && !evaluatePattern(ind.pattern, [observe()])) continue;
      seen.add(i);
      this.emit(ind, field, value, timeMs, ctx, outcome);
    }
    return outcome;
  }

  private emit(ind: CompiledIndicator, field: MatchField, value: string, timeMs: number, ctx: MatchContext, outcome: MatchOutcome): void {
    const note = this.options.exclusions?.get(field, value);
    if (note !== undefined) {
      outcome.suppressed.push({ indicatorId: ind.id, field, value, reason: 'excluded', note });
      return;
    }
    const confidence = confidenceAt(ind.confidence, ind.validFromMs, ind.validUntil !== null, timeMs, field, this.halfLives);
    const min = this.options.minConfidence ?? 5;
    if (confidence !== null && confidence < min) {
      outcome.suppressed.push({ indicatorId: ind.id, field, value, reason: 'decayed', note: `confidence ${confidence} < ${min} at the event's time` });
      return;
    }
    const match: IntelMatch = {
      indicatorId: ind.id,
      field,
      value,
      source: ind.source,
      createdBy: ind.createdBy,
      confidence,
      declaredConfidence: ind.confidence,
      marking: ind.marking,
      pattern: ind.pattern.source,
      actors: ind.actors,
      specificity: 'high',
      validFrom: ind.validFrom,
      validUntil: ind.validUntil,
    };
    const warn = this.options.warninglists?.check(field, value);
    if (warn) {
      match.specificity = warn.specificity;
      match.warninglist = warn.list;
    }
    if (ctx.account && ctx.hubs?.record(`${field}\u0000${value}`, ctx.account)) {
      match.hub = true;
      if (match.specificity === 'high') match.specificity = 'low';
    }
    outcome.matches.push(match);
  }

  private matchCve(value: string, timeMs: number, outcome: MatchOutcome): void {
    const name = value.toUpperCase();
    const id = this.vulnerabilityIds.get(name);
    if (!id) return;
    outcome.matches.push({
      indicatorId: id,
      field: 'prompt:cve',
      value: name,
      source: 'intel',
      createdBy: null,
      confidence: null,
      declaredConfidence: null,
      marking: null,
      pattern: `vulnerability ${name}`,
      actors: this.cves.get(name) ?? [],
      specificity: 'low',
      validFrom: null,
      validUntil: null,
    });
    void timeMs;
  }

  /**
   * Decides a multi-observation (history-scope) indicator over an account's observations, e.g.
   * after `match` reported partial hits. Uses the reference evaluator (STIX 2.1 §9.5).
   */
  evaluateHistory(indicatorId: string, observations: readonly Observation[]): boolean {
    const ind = this.indicators.find((i) => i.id === indicatorId);
    if (!ind) return false;
    const live = observations.filter((o) => o.time >= ind.validFromMs && o.time < ind.validUntilMs);
    return evaluatePattern(ind.pattern, live);
  }
}

function mapFor<K>(maps: Map<Slot, Map<K, Postings>>, slot: Slot): Map<K, Postings> {
  let m = maps.get(slot);
  if (!m) maps.set(slot, (m = new Map<K, Postings>()));
  return m;
}

function addPosting<K>(m: Map<K, Postings>, key: K, index: number): void {
  const p = m.get(key);
  if (p === undefined) m.set(key, index);
  else if (typeof p === 'number') {
    if (p !== index) m.set(key, [p, index]);
  } else if (!p.includes(index)) p.push(index);
}

function forEachPosting(p: Postings, visit: (index: number) => void): void {
  if (typeof p === 'number') visit(p);
  else for (const i of p) visit(i);
}

const TYPE_FIELD: Record<string, [MatchField, keyof EventObservables]> = {
  'ipv4-addr': ['ip', 'ip'],
  'ipv6-addr': ['ip', 'ip'],
  'network-traffic': ['ip', 'ip'],
  'email-addr': ['email', 'email'],
  'domain-name': ['email_domain', 'emailDomain'],
  'user-account': ['account', 'account'],
  'x-warden-device': ['device', 'device'],
  'x-warden-payment': ['payment', 'payment'],
};

function firstType(p: Pattern): string {
  const m = /\[\s*(?:EXISTS\s+)?\(?\s*([a-z0-9-]+):/.exec(p.source);
  return m?.[1] ?? '';
}
function scanField(ind: CompiledIndicator, _obs: EventObservables): MatchField {
  return TYPE_FIELD[firstType(ind.pattern)]?.[0] ?? 'ip';
}
function scanValue(ind: CompiledIndicator, obs: EventObservables): string {
  const key = TYPE_FIELD[firstType(ind.pattern)]?.[1];
  const v = key ? obs[key] : undefined;
  return typeof v === 'string' ? v : '';
}

/** Compiles the matcher (see {@link IntelMatcher}). */
export function compileMatcher(state: IntelState, options: MatcherOptions = {}): IntelMatcher {
  return new IntelMatcher(state, options);
}

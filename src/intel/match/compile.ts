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
import { HashFilter } from './hash-filter.js';
import { U32Map } from './u32-map.js';
import { confidenceAt, DEFAULT_HALF_LIFE_DAYS, type HalfLives } from './decay.js';
import type { HubTracker} from './exclusions.js';
import { type ExclusionList } from './exclusions.js';
import type { ActorRef, IntelMatch, MatchField, MatchOutcome, MatcherStats, PartialMatch } from './matcher.types.js';
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
  /**
   * Specificity of matches found in prompt text. Default `low`: naming an indicator in a prompt
   * shows knowledge of it, not ownership (defenders paste IOCs into assistants every day), so
   * it supports other evidence but does not by itself make an account suspicious.
   */
  promptSpecificity?: 'high' | 'low';
}

/** Per-call context: the account for hub counting, and the caller's hub tracker. */
export interface MatchContext {
  account?: string;
  hubs?: HubTracker;
}

type Postings = number | number[];


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
  private readonly filters = new Map<Slot, HashFilter>();
  /** IPv4 host keys per slot: address → index into `v4Postings`. */
  private readonly v4 = new Map<Slot, U32Map>();
  private readonly v4Postings: Postings[] = [];
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
          if (v4 !== null) this.addV4Posting(a.slot, v4, index);
          else {
            addPosting(mapFor(this.exact, a.slot), key, index);
            let f = this.filters.get(a.slot);
            if (!f) this.filters.set(a.slot, (f = new HashFilter()));
            f.add(key);
          }
        }
      }
    }
    for (const [v4trie, v6trie] of this.tries.values()) {
      v4trie.compact();
      v6trie.compact();
    }
  }

  private addV4Posting(slot: Slot, address: number, index: number): void {
    let m = this.v4.get(slot);
    if (!m) this.v4.set(slot, (m = new U32Map()));
    const at = m.get(address);
    if (at === -1) {
      m.set(address, this.v4Postings.length);
      this.v4Postings.push(index);
      return;
    }
    const p = this.v4Postings[at] as Postings;
    if (typeof p === 'number') {
      if (p !== index) this.v4Postings[at] = [p, index];
    } else if (!p.includes(index)) p.push(index);
  }

  private idIndex: Map<string, CompiledIndicator> | null = null;
  private byId(): Map<string, CompiledIndicator> {
    return (this.idIndex ??= new Map(this.indicators.map((i) => [i.id, i])));
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

  /** Indicators reached in this call, as parallel arrays reused across calls (no per-event allocation). */
  private readonly hitIndex: number[] = [];
  private readonly hitField: MatchField[] = [];
  private readonly hitValue: string[] = [];
  private readonly trieOut: number[] = [];

  private pushPostings(p: Postings, field: MatchField, value: string): void {
    if (typeof p === 'number') {
      this.hitIndex.push(p);
      this.hitField.push(field);
      this.hitValue.push(value);
      return;
    }
    for (const i of p) {
      this.hitIndex.push(i);
      this.hitField.push(field);
      this.hitValue.push(value);
    }
  }

  /** Records the indicators reached through an IP slot by an IPv4 address already parsed. */
  private lookupV4(slot: 'ipval' | 'ntsrc', v4: number, field: MatchField, value: string): void {
    const at = this.v4.get(slot)?.get(v4) ?? -1;
    if (at !== -1) this.pushPostings(this.v4Postings[at] as Postings, field, value);
    const tries = this.tries.get(slot);
    if (tries && tries[0].size > 0) {
      const out = this.trieOut;
      out.length = 0;
      tries[0].collectContainingV4(v4, out);
      for (let k = 0; k < out.length; k++) this.pushPostings(out[k] as number, field, value);
    }
  }

  /** Records the indicators reached through one slot and value. */
  private lookup(slot: Slot, key: string, field: MatchField, shown: string = key): void {
    const value = shown;
    if (slot === 'ipval' || slot === 'ntsrc') {
      const v4 = parseIPv4(key);
      if (v4 !== null) {
        this.lookupV4(slot, v4, field, value);
        return;
      }
      const tries = this.tries.get(slot);
      const net = parseIpNetwork(key);
      if (!net) return;
      const p = this.exact.get(slot)?.get(canonicalValue('ipv6-addr', 'value', key));
      if (p !== undefined) this.pushPostings(p, field, value);
      tries?.[net.version === 4 ? 0 : 1].forEachContaining(net, (i) => this.pushPostings(i, field, value));
      return;
    }
    const filter = this.filters.get(slot);
    if (!filter || !filter.mayContain(key)) return;
    const p = this.exact.get(slot)?.get(key);
    if (p !== undefined) this.pushPostings(p, field, value);
  }

  /**
   * Matches one event's observables at the event's time. Returns every match with its
   * evidence, the matches suppressed (excluded, decayed) with the reason, and partial matches of
   * multi-observation patterns. Cost: a few hash lookups and trie walks per value.
   */
  match(obs: EventObservables, timeMs: number, ctx: MatchContext = {}): MatchOutcome {
    this.hitIndex.length = 0;
    this.hitField.length = 0;
    this.hitValue.length = 0;
    if (obs.ip) {
      const v4 = parseIPv4(obs.ip);
      if (v4 !== null) {
        this.lookupV4('ipval', v4, 'ip', obs.ip);
        this.lookupV4('ntsrc', v4, 'ip', obs.ip);
      } else {
        this.lookup('ipval', obs.ip, 'ip');
        this.lookup('ntsrc', obs.ip, 'ip');
      }
    }
    if (obs.email) this.lookup('email', lower(obs.email), 'email');
    if (obs.emailDomain) this.lookup('domain', lower(obs.emailDomain), 'email_domain');
    if (obs.account) {
      this.lookup('acct_id', obs.account, 'account');
      this.lookup('acct_login', obs.account, 'account');
    }
    if (obs.device) this.lookup('device', obs.device, 'device');
    if (obs.payment) this.lookup('payment', obs.payment, 'payment');
    if (obs.userAgent) this.lookup('ua', obs.userAgent, 'user_agent');
    let outcome: MatchOutcome | null = null;
    const text = obs.text;
    if (text) for (const t of text) {
      const v = refang(t.value);
      if (t.kind === 'ipv4' || t.kind === 'ipv6') this.lookup('ipval', v, 'prompt:ip');
      else if (t.kind === 'cve') this.matchCve(v, (outcome ??= newOutcome()));
      else if (t.kind in HASH_ALG) {
        const h = v.toLowerCase();
        // The evidence value is the digest itself, not the slot key.
        this.lookup('hash', `${HASH_ALG[t.kind]}:${h}`, 'prompt:hash', h);
      } else {
        const [field, slot, type, prop] = TEXT_SLOTS[t.kind] as [MatchField, Slot, string, string];
        this.lookup(slot, canonicalValue(type, prop, v), field);
      }
    }
    let observation: Observation | null = null;
    for (const i of this.scan) {
      const ind = this.indicators[i] as CompiledIndicator;
      if (evaluatePattern(ind.pattern, [(observation ??= toObservation(obs, timeMs))])) {
        this.hitIndex.push(i);
        this.hitField.push(scanField(ind));
        this.hitValue.push(scanValue(ind, obs));
      }
    }
    const n = this.hitIndex.length;
    if (n === 0) return outcome ?? EMPTY_OUTCOME;
    const result = outcome ?? newOutcome();
    // Copy out: emit() and the evaluator must not see the reused arrays change under them.
    const idx = this.hitIndex.slice();
    const fields = this.hitField.slice();
    const values = this.hitValue.slice();
    const seen = new Set<number>();
    for (let k = 0; k < n; k++) {
      const i = idx[k] as number;
      if (seen.has(i)) continue;
      const ind = this.indicators[i] as CompiledIndicator;
      if (timeMs < ind.validFromMs || timeMs >= ind.validUntilMs) continue;
      const field = fields[k] as MatchField;
      const value = values[k] as string;
      if (ind.history) {
        seen.add(i);
        result.partial.push({ indicatorId: ind.id, field, value });
        continue;
      }
      if (!ind.direct && !ind.scanned && !evaluatePattern(ind.pattern, [(observation ??= toObservation(obs, timeMs))])) continue;
      seen.add(i);
      this.emit(ind, field, value, timeMs, ctx, result);
    }
    return result;
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
      specificity: field.startsWith('prompt:') ? (this.options.promptSpecificity ?? 'low') : 'high',
      validFrom: ind.validFrom,
      validUntil: ind.validUntil,
    };
    const warn = this.options.warninglists?.check(field, value);
    if (warn) {
      if (warn.specificity === 'none' || match.specificity === 'high') match.specificity = warn.specificity;
      match.warninglist = warn.list;
    }
    if (ctx.account && ctx.hubs?.record(`${field}\u0000${value}`, ctx.account)) {
      match.hub = true;
      if (match.specificity === 'high') match.specificity = 'low';
    }
    outcome.matches.push(match);
  }

  private matchCve(value: string, outcome: MatchOutcome): void {
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
  }

  /**
   * Completes a partial match: decides the history-scope indicator over the observations the
   * caller kept for this account (those that partially matched it, the current one last) and,
   * when the pattern holds, returns the match with its evidence, judged at `timeMs`.
   */
  matchHistory(partial: PartialMatch, history: readonly Observation[], timeMs: number, ctx: MatchContext = {}): MatchOutcome {
    const outcome = newOutcome();
    const ind = this.byId().get(partial.indicatorId);
    if (!ind || !this.evaluateHistory(ind.id, history)) return outcome;
    this.emit(ind, partial.field, partial.value, timeMs, ctx, outcome);
    return outcome;
  }

  /**
   * Decides a multi-observation (history-scope) indicator over an account's observations, e.g.
   * after `match` reported partial hits. Uses the reference evaluator (STIX 2.1 §9.5).
   */
  evaluateHistory(indicatorId: string, observations: readonly Observation[]): boolean {
    const ind = this.byId().get(indicatorId);
    if (!ind) return false;
    const live = observations.filter((o) => o.time >= ind.validFromMs && o.time < ind.validUntilMs);
    return evaluatePattern(ind.pattern, live);
  }
}

/** The outcome of an event that matched nothing: shared and frozen, so the common case allocates nothing. */
const EMPTY_OUTCOME: MatchOutcome = Object.freeze({
  matches: Object.freeze([]) as unknown as IntelMatch[],
  suppressed: Object.freeze([]) as unknown as MatchOutcome['suppressed'],
  partial: Object.freeze([]) as unknown as MatchOutcome['partial'],
});

function newOutcome(): MatchOutcome {
  return { matches: [], suppressed: [], partial: [] };
}

/** Lower-cases only when needed: most values arrive lower-case, and a copy per event adds up. */
function lower(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return s.toLowerCase();
  }
  return s;
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
function scanField(ind: CompiledIndicator): MatchField {
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

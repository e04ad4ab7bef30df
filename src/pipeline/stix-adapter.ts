/**
 * TEMPORARY intel adapter, to be replaced by src/intel's importer, pattern evaluator and matcher
 * as soon as they are exported from src/intel/index.ts. It reads STIX 2.1 bundles already parsed
 * from JSON and understands only the simple patterns partners send most: comparisons
 * `[type:prop = 'v']` and `[ipv4-addr:value ISSUBSET 'cidr']` joined by OR. Anything else is
 * counted as unsupported and reported, never guessed at.
 */
import type { DecodedEvent } from '../events/index.js';
import type { IntelActorRef, IntelHit, IntelPort } from './ports.js';

interface StixObject {
  type?: unknown;
  id?: unknown;
  [k: string]: unknown;
}

/** Why a bundle could not be used; the CLI turns this into exit code 2. */
export class BundleInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleInvalidError';
  }
}

interface Comparison {
  field: 'ip' | 'cidr' | 'email' | 'domain' | 'account' | 'url';
  value: string;
}

interface IndicatorRule {
  id: string;
  pattern: string;
  comparisons: Comparison[];
  validFromMs: number;
  validUntilMs: number;
  confidence: number | undefined;
  actors: IntelActorRef[];
}

const comparisonRe = /([a-z0-9-]+):([a-z_.]+)\s*(=|ISSUBSET)\s*'((?:[^'\\]|\\.)*)'/g;

function parsePattern(pattern: string): Comparison[] | undefined {
  if (/\bAND\b|\bFOLLOWEDBY\b|\bWITHIN\b|\bREPEATS\b|\bMATCHES\b|\bLIKE\b|!=/.test(pattern)) return undefined;
  const out: Comparison[] = [];
  for (const m of pattern.matchAll(comparisonRe)) {
    const [, type, prop, op, raw] = m;
    const value = (raw ?? '').replace(/\\(.)/g, '$1');
    if ((type === 'ipv4-addr' || type === 'ipv6-addr') && prop === 'value') {
      out.push({ field: op === 'ISSUBSET' || value.includes('/') ? 'cidr' : 'ip', value: value.toLowerCase() });
    } else if (type === 'email-addr' && prop === 'value') out.push({ field: 'email', value: value.toLowerCase() });
    else if (type === 'domain-name' && prop === 'value') out.push({ field: 'domain', value: value.toLowerCase() });
    else if (type === 'url' && prop === 'value') out.push({ field: 'url', value });
    else if (type === 'user-account' && (prop === 'account_login' || prop === 'user_id')) out.push({ field: 'account', value });
    else return undefined;
  }
  return out.length > 0 ? out : undefined;
}

function ipv4ToInt(ip: string): number | undefined {
  const p = ip.split('.');
  if (p.length !== 4) return undefined;
  let n = 0;
  for (const x of p) {
    const v = Number(x);
    if (!Number.isInteger(v) || v < 0 || v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const a = ipv4ToInt(ip);
  const b = ipv4ToInt(base ?? '');
  const bits = Number(bitsText ?? '32');
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return ip === base;
  const div = 2 ** (32 - bits);
  return Math.floor(a / div) === Math.floor(b / div);
}

function timeOf(v: unknown, fallback: number): number {
  if (typeof v !== 'string') return fallback;
  const t = Date.parse(v);
  return Number.isNaN(t) ? fallback : t;
}

/** What loading bundles found, for the report. */
export interface AdapterStats {
  indicators: number;
  unsupportedPatterns: number;
  intrusionSets: number;
}

/**
 * Builds an {@link IntelPort} from parsed STIX bundles. Throws {@link BundleInvalidError} for
 * something that is not a bundle. An indicator pointing at two intrusion sets keeps both (the
 * attribution stage weighs the contradiction); one pointing at an intrusion set missing from the
 * bundles keeps its id as the name, so nothing is silently dropped.
 */
export function createStixAdapter(bundles: readonly unknown[]): IntelPort & { stats: AdapterStats } {
  const objects: StixObject[] = [];
  bundles.forEach((b, i) => {
    const bundle = b as { type?: unknown; objects?: unknown };
    if (!bundle || typeof bundle !== 'object' || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
      throw new BundleInvalidError(`bundle ${i + 1}: not a STIX 2.1 bundle (needs "type": "bundle" and an "objects" array)`);
    }
    for (const o of bundle.objects as unknown[]) if (o && typeof o === 'object') objects.push(o as StixObject);
  });
  const sets = new Map<string, IntelActorRef>();
  for (const o of objects) {
    if ((o.type === 'intrusion-set' || o.type === 'threat-actor') && typeof o.id === 'string') {
      const aliases = Array.isArray(o.aliases) ? o.aliases.filter((a): a is string => typeof a === 'string') : [];
      sets.set(o.id, { stixId: o.id, name: typeof o.name === 'string' ? o.name : o.id, aliases });
    }
  }
  const actorsOf = new Map<string, IntelActorRef[]>();
  for (const o of objects) {
    if (o.type !== 'relationship') continue;
    const rel = o.relationship_type;
    if (rel !== 'indicates' && rel !== 'attributed-to') continue;
    const src = o.source_ref;
    const dst = o.target_ref;
    if (typeof src !== 'string' || typeof dst !== 'string' || !src.startsWith('indicator--')) continue;
    if (!dst.startsWith('intrusion-set--') && !dst.startsWith('threat-actor--')) continue;
    const actor = sets.get(dst) ?? { stixId: dst, name: dst, aliases: [] };
    const list = actorsOf.get(src) ?? [];
    if (!list.some((a) => a.stixId === actor.stixId)) list.push(actor);
    actorsOf.set(src, list);
  }
  const stats: AdapterStats = { indicators: 0, unsupportedPatterns: 0, intrusionSets: sets.size };
  const byIp = new Map<string, IndicatorRule[]>();
  const byEmail = new Map<string, IndicatorRule[]>();
  const byDomain = new Map<string, IndicatorRule[]>();
  const byAccount = new Map<string, IndicatorRule[]>();
  const cidrs: [Comparison, IndicatorRule][] = [];
  const add = (m: Map<string, IndicatorRule[]>, k: string, r: IndicatorRule) => m.set(k, [...(m.get(k) ?? []), r]);
  for (const o of objects) {
    if (o.type !== 'indicator' || typeof o.id !== 'string' || typeof o.pattern !== 'string') continue;
    if (o.revoked === true) continue;
    stats.indicators++;
    const comparisons = parsePattern(o.pattern);
    if (!comparisons) {
      stats.unsupportedPatterns++;
      continue;
    }
    const rule: IndicatorRule = {
      id: o.id,
      pattern: o.pattern,
      comparisons,
      validFromMs: timeOf(o.valid_from, -Infinity),
      validUntilMs: timeOf(o.valid_until, Infinity),
      confidence: typeof o.confidence === 'number' ? o.confidence : undefined,
      actors: actorsOf.get(o.id) ?? [],
    };
    for (const c of comparisons) {
      if (c.field === 'ip') add(byIp, c.value, rule);
      else if (c.field === 'cidr') cidrs.push([c, rule]);
      else if (c.field === 'email') add(byEmail, c.value, rule);
      else if (c.field === 'domain') add(byDomain, c.value, rule);
      else if (c.field === 'account') add(byAccount, c.value, rule);
    }
  }
  const hit = (r: IndicatorRule, field: string, value: string): IntelHit => ({
    indicatorId: r.id,
    field,
    value,
    confidence: r.confidence,
    actors: r.actors,
    pattern: r.pattern,
  });
  return {
    source: 'temporary STIX adapter (src/pipeline/stix-adapter.ts)',
    stats,
    actors: () => [...sets.values()],
    matchEvent(d: DecodedEvent): IntelHit[] {
      const out: IntelHit[] = [];
      const live = (r: IndicatorRule) => d.timeMs >= r.validFromMs && d.timeMs <= r.validUntilMs;
      for (const e of d.entities) {
        if (e.type === 'ip') {
          for (const r of byIp.get(e.value) ?? []) if (live(r)) out.push(hit(r, 'ip', e.value));
          for (const [c, r] of cidrs) if (live(r) && inCidr(e.value, c.value)) out.push(hit(r, 'ip', e.value));
        } else if (e.type === 'email') {
          for (const r of byEmail.get(e.value) ?? []) if (live(r)) out.push(hit(r, 'email', e.value));
        } else if (e.type === 'email_domain') {
          for (const r of byDomain.get(e.value) ?? []) if (live(r)) out.push(hit(r, 'domain', e.value));
        } else if (e.type === 'account') {
          for (const r of byAccount.get(e.value) ?? []) if (live(r)) out.push(hit(r, 'account', e.value));
        }
      }
      const raw = d.event.profile?.email?.toLowerCase();
      if (raw && raw !== d.entities.find((e) => e.type === 'email')?.value) {
        for (const r of byEmail.get(raw) ?? []) if (live(r)) out.push(hit(r, 'email', raw));
      }
      return out;
    },
  };
}

import { networkContains, parseIpNetwork } from '../net/ip.js';
import type { Comparison, ComparisonExpression, Literal, ObjectPath, ObservationExpression, Pattern } from './ast.js';
import { canonicalValue } from './canonical.js';

/** A Cyber-observable as Warden observed it; `*_ref` properties hold the object or its id. */
export interface ObservedObject {
  readonly type: string;
  readonly [property: string]: unknown;
}

/** One observation (STIX 2.1 §9.1): objects seen together at one time, e.g. one Warden event. */
export interface Observation {
  /** Epoch milliseconds of the observation (the event's time, never the wall clock). */
  readonly time: number;
  readonly objects: readonly ObservedObject[];
  /** Objects by id, for `*_ref` properties that hold ids rather than objects. */
  readonly byId?: ReadonlyMap<string, ObservedObject>;
}

interface Resolved {
  value: unknown;
  ownerType: string;
  property: string;
}

/** §9.7: follows an object path from a root object; lists fan out on `[*]`, refs are dereferenced. */
export function resolvePath(root: ObservedObject, path: ObjectPath, obs?: Observation): Resolved[] {
  if (root.type !== path.objectType) return [];
  let current: Resolved[] = [{ value: root, ownerType: root.type, property: '' }];
  for (const step of path.steps) {
    const next: Resolved[] = [];
    for (const r of current) {
      if (step.kind === 'prop') {
        const node = r.value;
        if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
        const ownerType = typeof (node as { type?: unknown }).type === 'string' ? ((node as { type: string }).type) : r.ownerType;
        let v = (node as Record<string, unknown>)[step.name];
        if (v === undefined) continue;
        if (step.name.endsWith('_ref') && typeof v === 'string') v = obs?.byId?.get(v);
        else if (step.name.endsWith('_refs') && Array.isArray(v)) v = v.map((x: unknown) => (typeof x === 'string' ? obs?.byId?.get(x) : x));
        if (v === undefined) continue;
        next.push({ value: v, ownerType, property: step.name });
      } else {
        const list = r.value;
        if (!Array.isArray(list)) continue;
        if (step.index === '*') for (const item of list as unknown[]) next.push({ value: item, ownerType: r.ownerType, property: r.property });
        else if (step.index >= 0 && step.index < list.length) next.push({ value: (list as unknown[])[step.index], ownerType: r.ownerType, property: r.property });
      }
    }
    current = next;
  }
  // An unindexed list compares element by element (tolerance for producers that omit [*]).
  return current.flatMap((r) => (Array.isArray(r.value) ? (r.value as unknown[]).map((value) => ({ ...r, value })) : [r]));
}

const regexCache = new Map<string, RegExp | null>();

/** §9.6.1 MATCHES: PCRE with DOTALL, search semantics; JavaScript's dialect covers the common subset. */
export function compileMatches(source: string): RegExp | null {
  let re = regexCache.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, 's');
    } catch {
      re = null;
    }
    regexCache.set(source, re);
  }
  return re;
}

const likeCache = new Map<string, RegExp>();

/** §9.6.1 LIKE: SQL wildcards, `%` any run and `_` one character; NFC-normalised. */
export function compileLike(pattern: string): RegExp {
  let re = likeCache.get(pattern);
  if (!re) {
    const body = pattern
      .normalize('NFC')
      .split('')
      .map((c) => (c === '%' ? '[\\s\\S]*' : c === '_' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 'u');
    likeCache.set(pattern, re);
  }
  return re;
}

function toBytes(value: unknown, property: string): Uint8Array | null {
  if (typeof value !== 'string') return null;
  if (property.endsWith('_hex')) return /^([0-9a-fA-F]{2})*$/.test(value) ? Uint8Array.from(Buffer.from(value, 'hex')) : null;
  if (property.endsWith('_bin')) return Uint8Array.from(Buffer.from(value, 'base64'));
  // §9.6.4: a string converts to bytes only if every code point is below U+0100.
  if ([...value].some((c) => (c.codePointAt(0) ?? 0) > 0xff)) return null;
  return Uint8Array.from([...value].map((c) => c.codePointAt(0) ?? 0));
}

function literalBytes(lit: Literal, property: string): Uint8Array | null {
  if (lit.kind === 'hex' || lit.kind === 'binary') return lit.bytes;
  if (lit.kind === 'string' && (property.endsWith('_hex') || property.endsWith('_bin'))) return toBytes(lit.value, 'string');
  return null;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
}

/** Orders an observed value against a constant, or null when their types are incompatible. */
function order(r: Resolved, lit: Literal): number | null {
  const v = r.value;
  const binaryProp = r.property.endsWith('_hex') || r.property.endsWith('_bin');
  if (lit.kind === 'hex' || lit.kind === 'binary' || binaryProp) {
    const a = binaryProp ? toBytes(v, r.property) : toBytes(v, 'string');
    const b = literalBytes(lit, r.property);
    return a && b ? compareBytes(a, b) : null;
  }
  switch (lit.kind) {
    case 'string': {
      if (typeof v !== 'string') return null;
      const a = canonicalValue(r.ownerType, r.property, v);
      const b = canonicalValue(r.ownerType, r.property, lit.value);
      return a < b ? -1 : a > b ? 1 : 0;
    }
    case 'int':
    case 'float':
      return typeof v === 'number' ? v - lit.value : null;
    case 'bool':
      return typeof v === 'boolean' ? (v === lit.value ? 0 : 1) : null;
    case 'timestamp': {
      const ms = typeof v === 'string' ? Date.parse(v) : NaN;
      return Number.isNaN(ms) ? null : ms - lit.ms;
    }
  }
}

function compareOne(c: Extract<Comparison, { kind: 'compare' }>, r: Resolved): boolean {
  switch (c.op) {
    case '=':
      return order(r, c.value) === 0;
    case '!=': {
      const o = order(r, c.value);
      return o === null || o !== 0; // §9.6.1: incompatible types make != true
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const o = order(r, c.value);
      if (o === null) return false;
      return c.op === '<' ? o < 0 : c.op === '<=' ? o <= 0 : c.op === '>' ? o > 0 : o >= 0;
    }
    case 'LIKE':
      return typeof r.value === 'string' && c.value.kind === 'string' && compileLike(c.value.value).test(r.value.normalize('NFC'));
    case 'MATCHES': {
      if (typeof r.value !== 'string' || c.value.kind !== 'string') return false;
      const re = compileMatches(c.value.value);
      return re !== null && re.test(r.value.normalize('NFC'));
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      if (typeof r.value !== 'string' || c.value.kind !== 'string') return false;
      const a = parseIpNetwork(r.value);
      const b = parseIpNetwork(c.value.value);
      if (!a || !b) return false;
      return c.op === 'ISSUBSET' ? networkContains(b, a) : networkContains(a, b);
    }
  }
}

/** §9.6: one comparison against one root object. Absent paths make it false, whatever the operator. */
export function evaluateComparison(c: Comparison, root: ObservedObject, obs?: Observation): boolean {
  const values = resolvePath(root, c.path, obs);
  if (values.length === 0) return false;
  let result: boolean;
  if (c.kind === 'exists') result = true;
  else if (c.kind === 'in') result = values.some((r) => c.values.some((lit) => order(r, lit) === 0));
  else result = values.some((r) => compareOne(c, r));
  return c.negated ? !result : result;
}

/** A comparison expression against one root object (§9.5: all operands of AND use the same SCO). */
export function evaluateOnObject(expr: ComparisonExpression, root: ObservedObject, obs?: Observation): boolean {
  switch (expr.kind) {
    case 'and':
      return expr.items.every((i) => evaluateOnObject(i, root, obs));
    case 'or':
      return expr.items.some((i) => evaluateOnObject(i, root, obs));
    default:
      return evaluateComparison(expr, root, obs);
  }
}

/** Whether some object of the observation satisfies the bracketed expression. */
export function evaluateObservation(expr: ComparisonExpression, obs: Observation): boolean {
  for (const o of obs.objects) if (evaluateOnObject(expr, o, obs)) return true;
  return false;
}

/** A set of distinct observations that together satisfy an expression, with their time span. */
interface Binding {
  members: number[];
  first: number;
  last: number;
}

/** Cap on candidate bindings kept per sub-expression, so adversarial patterns stay bounded. */
const MAX_BINDINGS = 2000;

function disjoint(a: Binding, b: Binding): boolean {
  return !a.members.some((m) => b.members.includes(m));
}
function merge(a: Binding, b: Binding): Binding {
  return { members: [...a.members, ...b.members], first: Math.min(a.first, b.first), last: Math.max(a.last, b.last) };
}

function bindings(expr: ObservationExpression, observations: readonly Observation[]): Binding[] {
  switch (expr.kind) {
    case 'observation': {
      const out: Binding[] = [];
      observations.forEach((o, i) => {
        if (out.length < MAX_BINDINGS && evaluateObservation(expr.expr, o)) out.push({ members: [i], first: o.time, last: o.time });
      });
      return out;
    }
    case 'obs-or':
      return expr.items.flatMap((i) => bindings(i, observations)).slice(0, MAX_BINDINGS);
    case 'obs-and':
    case 'followedby': {
      let acc = bindings(expr.items[0] as ObservationExpression, observations);
      for (const item of expr.items.slice(1)) {
        const right = bindings(item, observations);
        const next: Binding[] = [];
        for (const a of acc) {
          for (const b of right) {
            if (next.length >= MAX_BINDINGS) break;
            // §9.5.2: both sides on different observations; FOLLOWEDBY also orders them in time.
            if (!disjoint(a, b)) continue;
            if (expr.kind === 'followedby' && b.first < a.last) continue;
            next.push(merge(a, b));
          }
        }
        acc = next;
      }
      return acc;
    }
    case 'qualified': {
      const inner = bindings(expr.expr, observations);
      const q = expr.qualifier;
      if (q.kind === 'within') return inner.filter((b) => b.last - b.first < q.seconds * 1000);
      if (q.kind === 'startstop') {
        return inner.filter((b) => b.members.every((m) => {
          const t = (observations[m] as Observation).time;
          return t >= q.startMs && t < q.stopMs;
        }));
      }
      // REPEATS x TIMES: x matches on pairwise-different observations (shorthand for a AND a …).
      let acc: Binding[] = inner;
      for (let k = 1; k < q.times; k++) {
        const next: Binding[] = [];
        for (const a of acc) {
          for (const b of inner) {
            if (next.length >= MAX_BINDINGS) break;
            if (disjoint(a, b) && Math.min(...b.members) > Math.max(...a.members)) next.push(merge(a, b));
          }
        }
        acc = next;
      }
      return acc;
    }
  }
}

/**
 * The reference evaluator: whether a pattern matches a set of observations (STIX 2.1 §9.4),
 * honouring observation operators and qualifiers. Simple and exhaustive (bounded by a cap on
 * candidate combinations); the compiled matcher is tested against it.
 */
export function evaluatePattern(pattern: Pattern, observations: readonly Observation[]): boolean {
  return bindings(pattern.root, observations).length > 0;
}

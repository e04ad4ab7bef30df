import { parseIpNetwork, type IpNetwork } from '../net/ip.js';
import type { Comparison, ComparisonExpression, ObjectPath, ObservationExpression, Pattern } from '../pattern/ast.js';
import { canonicalValue } from '../pattern/canonical.js';

/** Index slots: each is one object path Warden fills from events (see support.ts). */
export type Slot = 'ipval' | 'ntsrc' | 'domain' | 'url' | 'email' | 'acct_id' | 'acct_login' | 'device' | 'payment' | 'ua' | 'hash';

/** A way into the index for one conjunction of a pattern: exact keys or a network. */
export type Anchor = { slot: Slot; kind: 'exact'; keys: string[] } | { slot: Slot; kind: 'cidr'; net: IpNetwork };

const UA_PATH = "extensions.'http-request-ext'.request_header.'User-Agent'";

/** The slot of an object path, or null when the path cannot anchor a lookup. */
export function slotOf(path: ObjectPath): Slot | null {
  const key = `${path.objectType}:${path.text}`;
  switch (key) {
    case 'ipv4-addr:value':
    case 'ipv6-addr:value':
      return 'ipval';
    case 'network-traffic:src_ref.value':
      return 'ntsrc';
    case 'domain-name:value':
      return 'domain';
    case 'url:value':
      return 'url';
    case 'email-addr:value':
      return 'email';
    case 'user-account:user_id':
      return 'acct_id';
    case 'user-account:account_login':
      return 'acct_login';
    case 'x-warden-device:fingerprint':
      return 'device';
    case 'x-warden-payment:fingerprint':
      return 'payment';
    case `network-traffic:${UA_PATH}`:
      return 'ua';
  }
  if (path.objectType === 'file' && path.steps.length === 2 && path.steps[0]?.kind === 'prop' && path.steps[0].name === 'hashes') return 'hash';
  return null;
}

/** The object type and final property a slot's values are canonicalised as. */
function canonicalKey(slot: Slot, path: ObjectPath, literal: string): string {
  const last = path.steps[path.steps.length - 1];
  const prop = last?.kind === 'prop' ? last.name : '';
  if (slot === 'ntsrc') return canonicalValue(literal.includes(':') ? 'ipv6-addr' : 'ipv4-addr', 'value', literal);
  if (slot === 'hash') return `${prop.toUpperCase()}:${canonicalValue('file', prop, literal)}`;
  return canonicalValue(path.objectType, prop, literal);
}

function anchorOf(c: Comparison): Anchor | null {
  if (c.negated || c.kind === 'exists') return null;
  const slot = slotOf(c.path);
  if (!slot) return null;
  if (c.kind === 'in') {
    if (!c.values.every((v) => v.kind === 'string')) return null;
    return { slot, kind: 'exact', keys: c.values.map((v) => canonicalKey(slot, c.path, (v as { value: string }).value)) };
  }
  if (c.value.kind !== 'string') return null;
  if (c.op === '=') return { slot, kind: 'exact', keys: [canonicalKey(slot, c.path, c.value.value)] };
  if (c.op === 'ISSUBSET' && (slot === 'ipval' || slot === 'ntsrc')) {
    const net = parseIpNetwork(c.value.value);
    return net ? { slot, kind: 'cidr', net } : null;
  }
  return null;
}

const MAX_CONJUNCTIONS = 64;

/** Disjunctive normal form of a comparison expression, or null when it would exceed the cap. */
function dnf(expr: ComparisonExpression): Comparison[][] | null {
  if (expr.kind === 'or') {
    const out: Comparison[][] = [];
    for (const i of expr.items) {
      const d = dnf(i);
      if (!d || out.length + d.length > MAX_CONJUNCTIONS) return null;
      out.push(...d);
    }
    return out;
  }
  if (expr.kind === 'and') {
    let acc: Comparison[][] = [[]];
    for (const i of expr.items) {
      const d = dnf(i);
      if (!d || acc.length * d.length > MAX_CONJUNCTIONS) return null;
      acc = acc.flatMap((a) => d.map((b) => [...a, ...b]));
    }
    return acc;
  }
  return [[expr]];
}

export interface PatternAnchors {
  anchors: Anchor[];
  /** True when any anchor hit is by itself a match: no verification by the evaluator needed. */
  direct: boolean;
}

function collect(expr: ObservationExpression, out: Anchor[], state: { direct: boolean; ok: boolean }, top: boolean): void {
  switch (expr.kind) {
    case 'observation': {
      const conj = dnf(expr.expr);
      if (!conj) {
        state.ok = false;
        return;
      }
      for (const c of conj) {
        const anchor = c.map(anchorOf).find((a) => a !== null) ?? null;
        if (!anchor) {
          state.ok = false;
          return;
        }
        if (c.length !== 1) state.direct = false;
        out.push(anchor);
      }
      return;
    }
    case 'obs-or':
      for (const i of expr.items) collect(i, out, state, top);
      return;
    case 'qualified':
      state.direct = false;
      collect(expr.expr, out, state, false);
      return;
    default:
      state.direct = false;
      for (const i of expr.items) collect(i, out, state, false);
  }
}

/**
 * The index entries of a pattern: for every conjunction of every observation expression, one
 * positive indexable comparison. Null when some conjunction has none (the pattern is then
 * evaluated against every event: correct, just slower).
 */
export function anchorsOf(pattern: Pattern): PatternAnchors | null {
  const anchors: Anchor[] = [];
  const state = { direct: true, ok: true };
  collect(pattern.root, anchors, state, true);
  return state.ok ? { anchors, direct: state.direct } : null;
}

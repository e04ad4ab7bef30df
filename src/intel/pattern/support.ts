import { comparisonsOf, observationsOf, type ObjectPath, type ObservationExpression, type Pattern } from './ast.js';
import { compileMatches } from './evaluate.js';
import { parsePattern } from './parser.js';

/**
 * Why Warden cannot evaluate a pattern. Such indicators are kept and listed, never dropped
 * silently (the import report and `warden intel patterns` count them by reason).
 */
export type UnsupportedReason =
  | 'pattern-type' // not a STIX pattern (sigma, snort, yara, suricata, pcre, …)
  | 'parse-error' // does not parse (rejected at import; counted when scanning feeds)
  | 'object-type' // a Cyber-observable type Warden never observes (file system, registry, process…)
  | 'property' // an observable Warden sees, but a property it does not (e.g. domain-name:resolves_to_refs)
  | 'regex'; // a MATCHES regex that uses PCRE syntax JavaScript cannot compile

/**
 * How a supported pattern is evaluated: `event` patterns are decided by one event (one
 * observation, or OR of observations); `history` patterns need several observations (observation
 * AND, FOLLOWEDBY, WITHIN, REPEATS) and are decided over an account's events by the evaluator.
 */
export type PatternSupport =
  | { status: 'supported'; scope: 'event' | 'history'; pattern: Pattern }
  | { status: 'unsupported'; reason: UnsupportedReason; detail: string; pattern?: Pattern };

/** The object paths Warden fills from an event (see docs/intel.md, "What Warden observes"). */
const OBSERVED_PATHS: ReadonlySet<string> = new Set([
  'ipv4-addr:value',
  'ipv6-addr:value',
  'domain-name:value',
  'url:value',
  'email-addr:value',
  'email-addr:display_name',
  'user-account:user_id',
  'user-account:account_login',
  'user-account:account_type',
  'user-account:display_name',
  'network-traffic:src_ref.value',
  'network-traffic:src_ref.type',
  "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'",
  'x-warden-device:fingerprint',
  'x-warden-payment:fingerprint',
]);

const OBSERVED_TYPES: ReadonlySet<string> = new Set(
  [...OBSERVED_PATHS].map((p) => p.slice(0, p.indexOf(':'))).concat(['file']),
);

/** Whether Warden fills this object path from events (file hashes come from prompt text). */
export function isObservedPath(path: ObjectPath): boolean {
  if (path.objectType === 'file') return path.steps.length === 2 && path.steps[0]?.kind === 'prop' && path.steps[0].name === 'hashes';
  return OBSERVED_PATHS.has(`${path.objectType}:${path.text}`);
}

function needsHistory(expr: ObservationExpression): boolean {
  switch (expr.kind) {
    case 'observation':
      return false;
    case 'obs-or':
      return expr.items.some(needsHistory);
    case 'qualified':
      return expr.qualifier.kind !== 'startstop' || needsHistory(expr.expr);
    default:
      return true;
  }
}

/** Classifies a parsed pattern: which scope evaluates it, or why nothing can. */
export function analysePattern(pattern: Pattern): PatternSupport {
  for (const obs of observationsOf(pattern.root)) {
    for (const c of comparisonsOf(obs.expr)) {
      if (!OBSERVED_TYPES.has(c.path.objectType)) {
        return { status: 'unsupported', reason: 'object-type', detail: `Warden does not observe ${c.path.objectType} objects`, pattern };
      }
      if (!isObservedPath(c.path)) {
        return { status: 'unsupported', reason: 'property', detail: `Warden does not observe ${c.path.objectType}:${c.path.text}`, pattern };
      }
      if (c.kind === 'compare' && c.op === 'MATCHES' && c.value.kind === 'string' && compileMatches(c.value.value) === null) {
        return { status: 'unsupported', reason: 'regex', detail: `regular expression not supported: ${c.value.value}`, pattern };
      }
    }
  }
  return { status: 'supported', scope: needsHistory(pattern.root) ? 'history' : 'event', pattern };
}

/** Parses and classifies an indicator's pattern given its `pattern_type` (STIX 2.1 §4.7, §10.19). */
export function analyseIndicatorPattern(patternType: string, source: string): PatternSupport {
  if (patternType !== 'stix') return { status: 'unsupported', reason: 'pattern-type', detail: `pattern_type "${patternType}" is not evaluated` };
  const parsed = parsePattern(source);
  if (!parsed.ok) return { status: 'unsupported', reason: 'parse-error', detail: `${parsed.error.message} at ${parsed.error.position}` };
  return analysePattern(parsed.pattern);
}

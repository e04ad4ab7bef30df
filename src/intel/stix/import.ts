import { analyseIndicatorPattern, type UnsupportedReason } from '../pattern/support.js';
import { parseStixBundle, DEFAULT_MAX_BUNDLE_BYTES } from './bundle.js';
import { canonicalJson } from './ids.js';
import type { IntelState} from './intel-state.js';
import { type Provenance } from './intel-state.js';
import { TLP1_MARKINGS } from './markings.js';
import type { StixSchemaSet } from './schemas.js';
import type { StixBundle, StixIssue, StixObject } from './types.js';
import { validateStixObject } from './validate.js';

export interface ImportOptions {
  schemas: StixSchemaSet;
  provenance: Provenance;
  /** At most this many issues are listed (the count is always exact). */
  maxIssues?: number;
  maxBytes?: number;
  /** Treat rules that published feeds commonly break (modified < created) as errors. */
  strict?: boolean;
}

export interface PatternCounts {
  event: number;
  history: number;
  unsupported: Partial<Record<UnsupportedReason, number>>;
  /** Each unsupported indicator with its reason: stored, never silently ignored. */
  unsupportedIndicators: { id: string; reason: UnsupportedReason; detail: string }[];
}

export interface ImportSummary {
  objects: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Versions older than the one held (§3.6: the newest `modified` wins). */
  olderIgnored: number;
  /** New versions of revoked objects, ignored: revocation is permanent (§3.6). */
  revokedIgnored: number;
  revoked: number;
  byType: Record<string, number>;
  patterns: PatternCounts;
  /** Accepted with a note: broken non-essential rules, replaced reserved TLP definitions. */
  warnings: StixIssue[];
}

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; issueCount: number; issues: StixIssue[] };

/**
 * §7.2.1.4 reserves the TLP 1.0 marking-definition ids for fixed content. Some exporters reuse
 * them with other content (OpenCTI writes TLP:CLEAR under the TLP:WHITE id); Warden replaces such
 * objects by the specification's own and notes it, rather than rejecting the whole bundle.
 */
function substituteReservedTlp(obj: StixObject, index: number): { object: StixObject; warning?: StixIssue } {
  if (obj === null || typeof obj !== 'object' || obj.type !== 'marking-definition') return { object: obj };
  const canonical = Object.values(TLP1_MARKINGS).find((m) => m.id === obj.id);
  if (!canonical || canonicalJson(canonical) === canonicalJson(obj)) return { object: obj };
  return {
    object: canonical,
    warning: {
      objectId: obj.id,
      index,
      field: '(object)',
      rule: `reserved TLP 1.0 marking id with non-standard content (${String(obj.name)}); replaced by the definition of STIX 2.1 §7.2.1.4`,
      severity: 'warning',
    },
  };
}

function versionOf(o: StixObject): number | null {
  const v = o.modified ?? o.created;
  return typeof v === 'string' ? Date.parse(v) : null;
}

/**
 * Applies a parsed bundle to the state as a whole or not at all: every object is validated
 * first, and one failure leaves the state untouched and returns every issue (object id, field,
 * rule). Versioning follows STIX 2.1 §3.6: an object is replaced only by a later `modified`.
 */
export function importBundle(state: IntelState, bundle: StixBundle, options: ImportOptions): ImportResult {
  const maxIssues = options.maxIssues ?? 100;
  const issues: StixIssue[] = [];
  const warnings: StixIssue[] = [];
  let issueCount = 0;
  const objects = bundle.objects.map((raw, index) => {
    const reserved = substituteReservedTlp(raw, index);
    if (reserved.warning) warnings.push(reserved.warning);
    const obj = reserved.object;
    for (const i of validateStixObject(obj, index, options.schemas, { strict: options.strict ?? false })) {
      if (i.severity === 'warning') {
        if (warnings.length < maxIssues) warnings.push(i);
        continue;
      }
      issueCount++;
      if (issues.length < maxIssues) issues.push(i);
    }
    return obj;
  });
  if (issueCount > 0) return { ok: false, issueCount, issues };

  const summary: ImportSummary = {
    objects: bundle.objects.length,
    added: 0,
    updated: 0,
    unchanged: 0,
    olderIgnored: 0,
    revokedIgnored: 0,
    revoked: 0,
    byType: {},
    patterns: { event: 0, history: 0, unsupported: {}, unsupportedIndicators: [] },
    warnings,
  };
  for (const obj of objects) {
    summary.byType[obj.type] = (summary.byType[obj.type] ?? 0) + 1;
    const held = state.get(obj.id);
    if (held) {
      const a = versionOf(held.object);
      const b = versionOf(obj);
      if (held.object.revoked === true && a !== null && b !== null && b > a) {
        summary.revokedIgnored++;
        continue;
      }
      if (a !== null && b !== null && b < a) {
        summary.olderIgnored++;
        continue;
      }
      if (a === b) {
        summary.unchanged++;
        continue;
      }
      summary.updated++;
    } else summary.added++;
    if (obj.revoked === true) summary.revoked++;
    const record = { object: obj, provenance: options.provenance } as Parameters<IntelState['put']>[0];
    if (obj.type === 'indicator') {
      const support = analyseIndicatorPattern(String(obj.pattern_type), String(obj.pattern));
      record.support = support;
      if (support.status === 'supported') summary.patterns[support.scope]++;
      else {
        summary.patterns.unsupported[support.reason] = (summary.patterns.unsupported[support.reason] ?? 0) + 1;
        summary.patterns.unsupportedIndicators.push({ id: obj.id, reason: support.reason, detail: support.detail });
      }
    }
    state.put(record);
  }
  return { ok: true, summary };
}

/** Parses JSON text and imports it: the whole path from bytes to state, as values. */
export function importBundleText(state: IntelState, text: string | Buffer, options: ImportOptions): ImportResult {
  const parsed = parseStixBundle(text, options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES);
  if (!parsed.ok) return { ok: false, issueCount: parsed.issues.length, issues: parsed.issues };
  return importBundle(state, parsed.bundle, options);
}

/** One line per issue: `objects[3] indicator--… pattern: rule`. */
export function formatIssue(i: StixIssue): string {
  const where = i.index === null ? 'bundle' : `objects[${i.index}]`;
  return `${where}${i.objectId ? ` ${i.objectId}` : ''} ${i.field}: ${i.rule}`;
}

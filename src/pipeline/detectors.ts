import type { LinkageGraph } from '../linkage/index.js';
import type { AccountBook } from './account-book.js';
import { classifyEnforcementReason } from './enforcement-reason.js';
import { ruleRef, type DetectorMeta, type Evidence } from './evidence.js';

/** What an account-level detector sees: the folded facts and the graph (for value degrees). */
export interface AccountContext {
  id: number;
  book: AccountBook;
  graph: LinkageGraph;
  /** Accounts that used a value, by kind and value (0 when unknown). */
  degreeOf(this: void, kind: 'ip' | 'email' | 'email-domain' | 'account', value: string): number;
  /** Accounts in the batch that matched an indicator. */
  indicatorReach(this: void, indicatorId: string): number;
}

/** A detector over one account's own facts (not its links). */
export interface AccountDetector extends DetectorMeta {
  evaluate(this: void, ctx: AccountContext): Evidence[];
}

/**
 * Intel indicator matches. Each distinct indicator adds its confidence, discounted by how many
 * accounts in the batch share the matched value: partner feeds carry a few noisy indicators (a
 * VPN exit, a public resolver), and a value on forty accounts is rarely one actor's.
 */
export const intelMatchDetector: AccountDetector = {
  id: 'intel-indicator-match',
  version: 1,
  name: 'Intel indicator match',
  description: 'A value the account used matched a STIX indicator valid at the time of use.',
  severity: 'high',
  evaluate({ id, book, degreeOf, indicatorReach }) {
    const hits = book.intel.get(id);
    if (!hits) return [];
    return hits.flatMap((h) => {
      if (h.specificity === 'none') return [];
      const kind =
        h.field === 'email_domain'
          ? 'email-domain'
          : h.field === 'email'
            ? 'email'
            : h.field === 'ip'
              ? 'ip'
              : 'account';
      // Spread: accounts sharing the matched value, or matching the same indicator (a range).
      const df = Math.max(1, degreeOf(kind, h.value), indicatorReach(h.indicatorId));
      const spread = Math.min(1, 2 / Math.sqrt(df));
      const conf = (h.confidence ?? 70) / 100;
      // A range (CIDR) or a whole domain covers hosting neighbours and other mailboxes too.
      const breadth = h.pattern.includes('/') || h.field === 'email_domain' ? 0.6 : 1;
      // Low specificity: the value is on a warninglist (cloud, VPN, webmail) or is a hub.
      const specific = h.specificity === 'low' ? 0.3 : 1;
      const weight = 0.6 * conf * spread * breadth * specific;
      const actors = h.actors.map((a) => a.name).join(', ') || 'no actor';
      return [
        {
          kind: 'indicator-match',
          detail: `${h.field} ${h.value} matched ${h.indicatorId} (${actors}; confidence ${h.confidence ?? 'unset'}; value on ${df} account${df === 1 ? '' : 's'}${h.specificity === 'low' ? `; low specificity${h.warninglist ? `: ${h.warninglist}` : ''}` : ''})`,
          rule: ruleRef(intelMatchDetector),
          weight,
          refs: { events: [h.eventId], indicator: h.indicatorId, value: h.value },
        } satisfies Evidence,
      ];
    });
  },
};

/**
 * Content: requests the classifier scored malicious. One request is weak (security staff ask
 * about attacks too); several, across TTPs, are not.
 */
export const contentDetector: AccountDetector = {
  id: 'content-malicious-requests',
  version: 1,
  name: 'Malicious requests',
  description: 'Requests classified as help with a malicious cyber operation.',
  severity: 'medium',
  evaluate({ id, book }) {
    const top = book.topScores.get(id);
    if (!top) return [];
    const hits = book.contentHits.data[id]!;
    if (hits === 0) return [];
    const requests = book.requests.data[id]!;
    const share = hits / Math.max(1, requests);
    // Security staff, journalists and students ask about attacks too: one to three hits say
    // little (they are ignored; measured: counting them even at 0.2 spread through network
    // corroboration to honest families), and content alone stays below the suspicious threshold.
    if (hits < 4) return [];
    // Volume and share together (a crime operator's dozens of requests, most of them malicious)
    // earn a little more; below that, content stays well under the threshold.
    const cap = hits >= 10 && share >= 0.5 ? 0.45 : 0.35;
    const weight = Math.min(cap, 0.02 * hits + 0.5 * share);
    const ex = book.examples.get(id) ?? [];
    const ttps = [...(book.ttps.get(id) ?? new Map<string, number>()).keys()];
    return [
      {
        kind: 'content',
        detail: `${hits} of ${requests} requests classified malicious (top score ${top[0]!.toFixed(2)}; ${ttps.join(', ') || 'no TTP'})`,
        rule: ruleRef(contentDetector),
        weight,
        refs: { events: ex.map((e) => e.eventId) },
      },
    ];
  },
};

/** Refusals: the model refusing again and again means the account keeps asking for harm. */
export const refusalDetector: AccountDetector = {
  id: 'behaviour-refusal-rate',
  version: 2,
  name: 'High refusal rate',
  description:
    'At least 3 refused requests making up at least 25% of the account’s requests; three-quarter weight when the content stage also counted malicious requests.',
  severity: 'low',
  evaluate({ id, book }) {
    const r = book.refusals.data[id]!;
    const n = book.requests.data[id]!;
    if (r < 3 || r / n < 0.25) return [];
    // The model refuses the very asks the classifier flags: refusals next to content hits are
    // largely the same evidence twice, so they add three quarters. Below the threshold alone either way:
    // pen-testers get refused too.
    const overlap = book.contentHits.data[id]! > 0;
    const weight = Math.min(0.45, 0.1 + 0.03 * r + 0.3 * (r / n)) * (overlap ? 0.75 : 1);
    return [
      {
        kind: 'behaviour',
        detail: `${r} of ${n} requests refused (${Math.round((100 * r) / n)}%)${overlap ? '; overlaps the content evidence, three-quarter weight' : ''}`,
        rule: ruleRef(refusalDetector),
        weight,
      },
    ];
  },
};

/**
 * The provider's own suspension or termination, in force at the end of the input. Version 2 reads
 * the stated reason: a ban for a cyber operation is the provider's own analyst agreeing with us;
 * a ban for spam or fraud says the account was abusive, not that it attacked anyone.
 */
export const enforcementDetector: AccountDetector = {
  id: 'provider-enforcement',
  version: 2,
  name: 'Actioned by the provider',
  description:
    'An account.enforced event suspended or terminated the account, not since reinstated; weighed by the stated reason (cyber, other abuse, unstated).',
  severity: 'high',
  evaluate({ id, book }) {
    const rec = book.actioned(id);
    if (!rec) return [];
    const reason = classifyEnforcementReason(rec.reason);
    // A cyber ban alone still stays under the suspicious threshold: the provider's tooling makes
    // mistakes too, so it needs one more signal of ours. Spam and fraud bans barely count.
    const base = rec.action === 'terminate' ? 0.4 : 0.3;
    const weight = reason === 'cyber' ? base + 0.05 : reason === 'other' ? base / 4 : base;
    return [
      {
        kind: 'enforcement',
        detail: `${rec.action} at ${new Date(rec.timeMs).toISOString()}${rec.reason ? ` (${rec.reason})` : ''}; reason ${reason === 'cyber' ? 'names a cyber operation' : reason === 'other' ? 'names other abuse (not a cyber operation)' : 'unstated or unrecognised'}`,
        rule: ruleRef(enforcementDetector),
        weight,
        refs: { events: [rec.eventId] },
      },
    ];
  },
};

/** The account-level detectors, in evaluation order. */
export const accountDetectors: readonly AccountDetector[] = [
  intelMatchDetector,
  enforcementDetector,
  contentDetector,
  refusalDetector,
];

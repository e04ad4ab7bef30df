import type { Analysis } from './analysis.js';
import { classifyEnforcementReason, type ReasonClass } from './enforcement-reason.js';
import { ruleRef, type DetectorMeta, type Evidence } from './evidence.js';

/** Share of the evasion weight the ban itself carries, by its stated reason. */
const reasonBase: Readonly<Record<ReasonClass, number>> = { cyber: 0.5, unstated: 0.3, other: 0 };

/** Ban evasion: a newer account strongly linked to one the provider had already actioned. */
export const evasionDetector: DetectorMeta = {
  id: 'ban-evasion',
  version: 2,
  name: 'Ban evasion',
  description:
    'An account first seen after another was suspended or terminated, linked to it by an edge of at least evasion.minLink.',
  severity: 'high',
};

/** A ban-evasion finding for one account. */
export interface EvasionFinding {
  account: number;
  evidence: Evidence;
}

/**
 * Finds accounts whose first event comes after the enforcement of an account they link to
 * strongly. Judged on event times only, so a re-hunt over old logs finds the evasion the live
 * system would have flagged at sign-up (an early alert, when the live path raised one, is cited).
 */
export function detectEvasion(
  an: Analysis,
  edges: { a: Uint32Array; b: Uint32Array; weight: Float64Array; count: number },
  ownWithoutEnforcement: Float64Array,
): EvasionFinding[] {
  const { graph, book, config } = an;
  const actioned = new Map<number, number>();
  for (const [id] of book.enforcement) {
    const rec = book.actioned(id);
    if (rec) actioned.set(id, rec.timeMs);
  }
  if (actioned.size === 0) return [];
  const best = new Map<number, { from: number; weight: number; edge: number }>();
  for (let e = 0; e < edges.count; e++) {
    const w = edges.weight[e]!;
    if (w < config.evasion.minLink) continue;
    const a = edges.a[e]!;
    const b = edges.b[e]!;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const since = actioned.get(x);
      if (since === undefined || actioned.has(y)) continue;
      const created = book.createdMs.data[y]!;
      const start = Number.isNaN(created) ? book.firstMs.data[y]! : Math.min(created, book.firstMs.data[y]!);
      if (start <= since) continue;
      const prev = best.get(y);
      if (!prev || w > prev.weight) best.set(y, { from: x, weight: w, edge: e });
    }
  }
  const out: EvasionFinding[] = [];
  for (const [y, { from, weight, edge }] of best) {
    const ev = graph.edge(edge);
    const { kind, value } = graph.describeValue(ev.bestValue);
    const alert = an.alerts.get(y);
    const since = actioned.get(from)!;
    const reason = classifyEnforcementReason(book.actioned(from)?.reason);
    const base = reasonBase[reason];
    out.push({
      account: y,
      evidence: {
        kind: 'evasion',
        detail: `first seen ${new Date(Math.min(book.firstMs.data[y]!, book.createdMs.data[y]! || Infinity)).toISOString()}, after ${graph.accounts.value(from)} was actioned at ${new Date(since).toISOString()}; shares ${kind} ${value} (edge weight ${weight.toFixed(2)}); ban reason ${reason}${alert ? `; flagged live at ${new Date(alert.timeMs).toISOString()} by event ${alert.eventId}` : ''}`,
        rule: ruleRef(evasionDetector),
        // Evading a ban for spam is not a cyber operation: the weight grows with what Warden's own
        // evidence says about the actioned account (intel, content, refusals), and starts from
        // what the provider said it banned for (a cyber ban half-way, a spam ban from nothing).
        weight: 0.95 * weight * (base + (1 - base) * Math.min(1, ownWithoutEnforcement[from]! / 0.6)),
        refs: {
          accounts: [graph.accounts.value(from)],
          value,
          via: kind,
          ...(alert ? { events: [alert.eventId] } : {}),
        },
      },
    });
  }
  return out;
}

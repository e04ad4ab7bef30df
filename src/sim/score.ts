import type { AnalyzeReport } from './report.schema.js';
import type { Truth, TruthAccount } from './truth.schema.js';

/** Precision, recall and F1 of one way of counting flags. Ratios are null where undefined (0/0). */
export interface DetectionScore {
  true_positives: number;
  false_positives: number;
  false_negatives: number;
  true_negatives: number;
  precision: number | null;
  recall: number | null;
  f1: number;
}

export interface RateScore {
  accounts: number;
  flagged: number;
  rate: number | null;
}

/** The result of scoring one report against one truth file (`warden eval analyze`). */
/** How well reported networks reproduce the truth's malicious networks. */
export interface LinkageScore {
  /** Truth networks with at least two accounts. */
  truth_networks: number;
  /** Per truth network, the largest share of its accounts found together in one reported network; mean and worst. */
  mean_completeness: number | null;
  worst_completeness: number | null;
  /** Reported networks holding at least one malicious account. */
  reported_networks: number;
  /** Per such network, the share of its accounts from its main truth network; mean and worst. */
  mean_purity: number | null;
  worst_purity: number | null;
  /** Honest accounts placed in a reported network together with malicious ones. */
  honest_in_malicious_networks: number;
}

export interface AnalyzeScore {
  truth: { accounts: number; honest: number; malicious: number; hard_negatives: number; ban_evasion: number; seed: number };
  report: { accounts: number; unknown_accounts: number; duplicate_accounts: number; other_verdicts: number };
  /** `malicious` and `suspicious` both count as flagged. */
  flagged: DetectionScore;
  /** Only `malicious` counts as flagged. */
  malicious_only: DetectionScore;
  false_positive_rate: {
    honest: RateScore;
    hard_negatives: RateScore;
    /** Hard negatives by kind. */
    by_kind: Record<string, RateScore>;
    by_reason: Record<string, RateScore>;
    /** Every honest kind, hard or not. */
    honest_by_kind: Record<string, RateScore>;
  };
  recall_by: {
    threat_kind: Record<string, RateScore>;
    actor: Record<string, RateScore>;
    intel: { covered: RateScore; uncovered: RateScore };
    /** Actor accounts that share no infrastructure with their network. */
    careful_operators: RateScore;
  };
  ban_evasion: RateScore;
  linkage: LinkageScore;
  attribution: {
    /** Flagged accounts of tracked actors (the denominator of `accuracy`). */
    flagged_actor_accounts: number;
    attributed: number;
    correct: number;
    /** Correct attributions over flagged actor accounts (unattributed ones count as wrong). */
    accuracy: number | null;
    /** Correct attributions over attributed flagged actor accounts. */
    precision: number | null;
    /** Flagged crime and lone accounts wrongly given a tracked actor's name. */
    false_attributions_to_untracked: number;
    confusions: { truth: string; reported: string | null; accounts: number }[];
  };
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);
const rate = (accounts: number, flagged: number): RateScore => ({ accounts, flagged, rate: ratio(flagged, accounts) });

/** The same normalisation as the actor catalogue's: case, accents, spaces and punctuation ignored. */
export function actorKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Resolves reported actor names to the truth's actor names: each truth actor answers to its
 * name, the partner's name and the bundle's aliases; `extraAliasSets` (other bundles'
 * intrusion-set names and aliases) join a truth actor when one of their names already does.
 * A name claimed by two actors resolves to neither.
 */
export function buildActorResolver(truth: Pick<Truth, 'actors'>, extraAliasSets: readonly (readonly string[])[] = []): (name: string) => string | null {
  const owners = new Map<string, Set<string>>();
  const claim = (alias: string, actor: string) => {
    const key = actorKey(alias);
    if (key === '') return;
    const set = owners.get(key) ?? new Set<string>();
    set.add(actor);
    owners.set(key, set);
  };
  for (const a of truth.actors) for (const n of [a.name, a.partner_name, ...a.aliases]) claim(n, a.name);
  // Each extra set joins the actor its names point at in the truth alone, so the order of sets never matters.
  const joins = extraAliasSets.map((names) => new Set(names.flatMap((n) => [...(owners.get(actorKey(n)) ?? [])])));
  extraAliasSets.forEach((names, i) => {
    const actors = joins[i];
    const [actor] = actors ?? [];
    if (actors?.size === 1 && actor) for (const n of names) claim(n, actor);
  });
  return (name) => {
    const set = owners.get(actorKey(name));
    return set && set.size === 1 ? ([...set][0] ?? null) : null;
  };
}

function detection(tp: number, fp: number, fn: number, tn: number): DetectionScore {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = tp === 0 || precision === null || recall === null ? 0 : (2 * precision * recall) / (precision + recall);
  return { true_positives: tp, false_positives: fp, false_negatives: fn, true_negatives: tn, precision, recall, f1 };
}

class Tally {
  readonly counts = new Map<string, { accounts: number; flagged: number }>();
  add(key: string, flagged: boolean): void {
    const c = this.counts.get(key) ?? { accounts: 0, flagged: 0 };
    c.accounts++;
    if (flagged) c.flagged++;
    this.counts.set(key, c);
  }
  get(key: string): RateScore {
    const c = this.counts.get(key) ?? { accounts: 0, flagged: 0 };
    return rate(c.accounts, c.flagged);
  }
  all(): Record<string, RateScore> {
    const out: Record<string, RateScore> = {};
    for (const key of [...this.counts.keys()].sort()) out[key] = this.get(key);
    return out;
  }
}

/** Reported network id → member accounts, from `networks[].accounts` where given, else from the accounts' `network`. */
function reportedMembers(report: AnalyzeReport): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>();
  const add = (network: string, account: string) => {
    const set = members.get(network) ?? new Set<string>();
    set.add(account);
    members.set(network, set);
  };
  for (const n of report.networks ?? []) for (const a of n.accounts ?? []) add(n.id, a);
  for (const a of report.accounts) if (a.network) add(a.network, a.account);
  return members;
}

/** Completeness of the truth's networks and purity of the reported ones (honest members lower purity). */
export function scoreLinkage(report: AnalyzeReport, truth: Truth): LinkageScore {
  const truthNetworkOf = new Map<string, string | null>();
  for (const t of truth.accounts) truthNetworkOf.set(t.account, t.label === 'malicious' ? (t.network ?? `lone:${t.account}`) : null);
  const members = reportedMembers(report);
  const reportedOf = new Map<string, string>();
  for (const [id, set] of members) for (const a of set) if (!reportedOf.has(a)) reportedOf.set(a, id);

  const truthSizes = new Map<string, number>();
  for (const t of truth.accounts) if (t.network) truthSizes.set(t.network, (truthSizes.get(t.network) ?? 0) + 1);
  const completeness: number[] = [];
  for (const [network, size] of truthSizes) {
    if (size < 2) continue;
    const together = new Map<string, number>();
    for (const t of truth.accounts) {
      if (t.network !== network) continue;
      const r = reportedOf.get(t.account);
      if (r) together.set(r, (together.get(r) ?? 0) + 1);
    }
    completeness.push(Math.max(0, ...together.values()) / size);
  }
  const purity: number[] = [];
  let honestInside = 0;
  for (const set of members.values()) {
    const counts = new Map<string, number>();
    let known = 0;
    let honest = 0;
    for (const a of set) {
      if (!truthNetworkOf.has(a)) continue;
      known++;
      const n = truthNetworkOf.get(a);
      if (n === null || n === undefined) honest++;
      else counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    if (counts.size === 0) continue;
    honestInside += honest;
    purity.push(Math.max(...counts.values()) / known);
  }
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  const worst = (xs: number[]) => (xs.length === 0 ? null : Math.min(...xs));
  return {
    truth_networks: completeness.length,
    mean_completeness: mean(completeness),
    worst_completeness: worst(completeness),
    reported_networks: purity.length,
    mean_purity: mean(purity),
    worst_purity: worst(purity),
    honest_in_malicious_networks: honestInside,
  };
}

/**
 * Scores a `warden analyze` report against a simulated world's truth. Accounts the report does
 * not list are judged benign (as the contract says); accounts the truth does not know are
 * counted and otherwise ignored; a repeated account counts once (its first entry). An account's
 * actor is its own `actor`, else its network's.
 */
export function scoreAnalyzeReport(report: AnalyzeReport, truth: Truth, extraAliasSets: readonly (readonly string[])[] = []): AnalyzeScore {
  const resolve = buildActorResolver(truth, extraAliasSets);
  const truthById = new Map<string, TruthAccount>();
  for (const a of truth.accounts) truthById.set(a.account, a);
  const networkActor = new Map<string, string>();
  for (const n of report.networks ?? []) if (n.actor?.name) networkActor.set(n.id, n.actor.name);

  const verdicts = new Map<string, { verdict: string; actor: string | null }>();
  let unknown = 0;
  let duplicates = 0;
  let other = 0;
  for (const entry of report.accounts) {
    if (verdicts.has(entry.account)) {
      duplicates++;
      continue;
    }
    if (!truthById.has(entry.account)) unknown++;
    if (entry.verdict !== 'malicious' && entry.verdict !== 'suspicious') other++;
    const actor = entry.actor?.name ?? (entry.network ? (networkActor.get(entry.network) ?? null) : null);
    verdicts.set(entry.account, { verdict: entry.verdict, actor });
  }

  const counts = { flagged: [0, 0, 0, 0], malicious: [0, 0, 0, 0] }; // tp fp fn tn
  const honestFp = new Tally();
  const honestByKind = new Tally();
  const hardByKind = new Tally();
  const hardByReason = new Tally();
  const threatKind = new Tally();
  const byActor = new Tally();
  const intel = new Tally();
  const evasion = new Tally();
  const confusions = new Map<string, { truth: string; reported: string | null; accounts: number }>();
  let flaggedActor = 0;
  let attributed = 0;
  let correct = 0;
  let untracked = 0;
  let hardNegatives = 0;

  for (const t of truth.accounts) {
    const v = verdicts.get(t.account);
    const flagged = v?.verdict === 'malicious' || v?.verdict === 'suspicious';
    const maliciousVerdict = v?.verdict === 'malicious';
    const bad = t.label === 'malicious';
    for (const [key, hit] of [['flagged', flagged], ['malicious', maliciousVerdict]] as const) {
      const c = counts[key];
      const slot = bad ? (hit ? 0 : 2) : hit ? 1 : 3;
      c[slot] = (c[slot] ?? 0) + 1;
    }
    if (!bad) {
      honestFp.add('honest', flagged);
      honestByKind.add(t.kind, flagged);
      if (t.hard_negative) {
        hardNegatives++;
        honestFp.add('hard', flagged);
        hardByKind.add(t.kind, flagged);
        hardByReason.add(t.hard_negative_reason ?? 'unknown', flagged);
      }
      continue;
    }
    threatKind.add(t.kind, flagged);
    intel.add(t.covered_by_intel ? 'covered' : 'uncovered', flagged);
    if (t.ban_evasion) evasion.add('all', flagged);
    if (t.careful_operator) evasion.add('careful', flagged);
    const reported = v?.actor ? resolve(v.actor) : null;
    if (t.actor) {
      byActor.add(t.actor, flagged);
      if (!flagged) continue;
      flaggedActor++;
      if (v?.actor) attributed++;
      if (reported === t.actor) correct++;
      else {
        const label = v?.actor ?? null;
        const key = `${t.actor}\u0000${label ?? ''}`;
        const c = confusions.get(key) ?? { truth: t.actor, reported: label, accounts: 0 };
        c.accounts++;
        confusions.set(key, c);
      }
    } else if (flagged && reported !== null) {
      untracked++;
    }
  }

  const d = (c: number[]) => detection(c[0] ?? 0, c[1] ?? 0, c[2] ?? 0, c[3] ?? 0);
  return {
    truth: {
      accounts: truth.accounts.length,
      honest: honestFp.get('honest').accounts,
      malicious: truth.accounts.length - honestFp.get('honest').accounts,
      hard_negatives: hardNegatives,
      ban_evasion: evasion.get('all').accounts,
      seed: truth.seed,
    },
    report: { accounts: verdicts.size, unknown_accounts: unknown, duplicate_accounts: duplicates, other_verdicts: other },
    flagged: d(counts.flagged),
    malicious_only: d(counts.malicious),
    false_positive_rate: {
      honest: honestFp.get('honest'),
      hard_negatives: honestFp.get('hard'),
      by_kind: hardByKind.all(),
      by_reason: hardByReason.all(),
      honest_by_kind: honestByKind.all(),
    },
    recall_by: {
      threat_kind: threatKind.all(),
      actor: byActor.all(),
      intel: { covered: intel.get('covered'), uncovered: intel.get('uncovered') },
      careful_operators: evasion.get('careful'),
    },
    ban_evasion: evasion.get('all'),
    linkage: scoreLinkage(report, truth),
    attribution: {
      flagged_actor_accounts: flaggedActor,
      attributed,
      correct,
      accuracy: ratio(correct, flaggedActor),
      precision: ratio(correct, attributed),
      false_attributions_to_untracked: untracked,
      confusions: [...confusions.values()].sort((a, b) => b.accounts - a.accounts || a.truth.localeCompare(b.truth)),
    },
  };
}

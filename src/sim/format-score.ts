import type { AnalyzeScore, DetectionScore, RateScore } from './score.js';

const pct = (x: number | null, digits = 2): string => (x === null ? 'n/a' : `${(x * 100).toFixed(digits)}%`);
const num = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(4));

function rows(table: string[][]): string {
  const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? [];
  return table.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

function detectionRow(name: string, d: DetectionScore): string[] {
  return [name, num(d.precision), num(d.recall), num(d.f1), String(d.true_positives), String(d.false_positives), String(d.false_negatives)];
}

function rateRows(title: string, entries: Record<string, RateScore>): string[][] {
  return Object.entries(entries).map(([k, r]) => [`${title}${k}`, String(r.accounts), String(r.flagged), pct(r.rate)]);
}

/** A readable summary of a score, for a terminal. */
export function formatAnalyzeScore(s: AnalyzeScore): string {
  const out: string[] = [];
  out.push(
    `World seed ${s.truth.seed}: ${s.truth.accounts} accounts (${s.truth.malicious} malicious, ${s.truth.hard_negatives} hard negatives, ${s.truth.ban_evasion} ban-evasion).`,
    `Report: ${s.report.accounts} accounts listed, ${s.report.unknown_accounts} unknown to the truth, ${s.report.duplicate_accounts} duplicates, ${s.report.other_verdicts} with another verdict.`,
    '',
    rows([['detection', 'precision', 'recall', 'F1', 'TP', 'FP', 'FN'], detectionRow('malicious+suspicious', s.flagged), detectionRow('malicious only', s.malicious_only)]),
    '',
    rows([
      ['false positives', 'accounts', 'flagged', 'rate'],
      ['honest (all)', String(s.false_positive_rate.honest.accounts), String(s.false_positive_rate.honest.flagged), pct(s.false_positive_rate.honest.rate, 3)],
      ['hard negatives', String(s.false_positive_rate.hard_negatives.accounts), String(s.false_positive_rate.hard_negatives.flagged), pct(s.false_positive_rate.hard_negatives.rate, 3)],
      ...rateRows('  kind ', s.false_positive_rate.by_kind),
      ...rateRows('  reason ', s.false_positive_rate.by_reason),
      ...rateRows(
        'honest kind ',
        Object.fromEntries(Object.entries(s.false_positive_rate.honest_by_kind).filter(([, r]) => r.flagged > 0)),
      ),
    ]),
    '',
    rows([
      ['recall', 'accounts', 'flagged', 'recall'],
      ...rateRows('', s.recall_by.threat_kind),
      ...rateRows('  actor ', s.recall_by.actor),
      ['intel-covered', String(s.recall_by.intel.covered.accounts), String(s.recall_by.intel.covered.flagged), pct(s.recall_by.intel.covered.rate)],
      ['not covered by intel', String(s.recall_by.intel.uncovered.accounts), String(s.recall_by.intel.uncovered.flagged), pct(s.recall_by.intel.uncovered.rate)],
      ['careful operators', String(s.recall_by.careful_operators.accounts), String(s.recall_by.careful_operators.flagged), pct(s.recall_by.careful_operators.rate)],
      ['ban evasion', String(s.ban_evasion.accounts), String(s.ban_evasion.flagged), pct(s.ban_evasion.rate)],
    ]),
    '',
    `Networks: ${s.linkage.truth_networks} malicious networks in the truth; completeness mean ${pct(s.linkage.mean_completeness)}, worst ${pct(s.linkage.worst_completeness)} ` +
      `(share of a network found together in one reported network). ${s.linkage.reported_networks} reported networks hold malicious accounts; ` +
      `purity mean ${pct(s.linkage.mean_purity)}, worst ${pct(s.linkage.worst_purity)}; ${s.linkage.honest_in_malicious_networks} honest accounts inside them.`,
    '',
    `Attribution: ${s.attribution.correct} correct of ${s.attribution.flagged_actor_accounts} flagged actor accounts = ${pct(s.attribution.accuracy)} ` +
      `(${s.attribution.attributed} attributed; precision ${pct(s.attribution.precision)}); ${s.attribution.false_attributions_to_untracked} crime/lone accounts given a tracked actor's name.`,
  );
  for (const c of s.attribution.confusions.slice(0, 8)) out.push(`  ${c.truth} reported as ${c.reported ?? '(unattributed)'}: ${c.accounts}`);
  return out.join('\n') + '\n';
}

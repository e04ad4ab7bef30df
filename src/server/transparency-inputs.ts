import { extractTopics } from '../content/index.js';
import { decodeLine, requestText, type DecodedEvent } from '../events/index.js';
import type { ActorCatalogue } from '../intel/index.js';
import { Analysis, toReport, type PipelineDeps } from '../pipeline/index.js';
import type { ActionRecord, TransparencyInput } from '../reports/index.js';
import { listEventsAfter, listEventsOfAccount, type Database } from '../store/index.js';

/**
 * Gathers what a transparency report for `period` needs from the store: the pipeline run over
 * every event before the period's end (evidence may predate the period), the enforcement
 * actions inside it (`account.enforced` events, which Warden's own actions also record), and the
 * topics the attributed networks' prompts named within it.
 */
export async function gatherTransparencyInputs(options: {
  database: Database;
  period: { from: string; to: string };
  deps: PipelineDeps;
  catalogue: ActorCatalogue;
  pageSize?: number;
}): Promise<Omit<TransparencyInput, 'pseudonymise' | 'publisher'>> {
  const { database, period } = options;
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const analysis = new Analysis(options.deps);
  const actions: ActionRecord[] = [];
  let after = 0;
  let read = 0;
  for (;;) {
    const page = await listEventsAfter(database.db, after, options.pageSize ?? 5000);
    if (page.length === 0) break;
    after = page[page.length - 1]!.seq;
    for (const e of page) {
      const r = decodeLine(e.seq, e.raw);
      if (!r.ok || r.value.timeMs >= to) continue;
      read++;
      analysis.add(r.value);
      const ev = r.value.event;
      if (ev.kind === 'account.enforced' && ev.enforcement && r.value.timeMs >= from)
        actions.push({ account: ev.account, action: ev.enforcement.action, at: r.value.timeMs });
    }
  }
  const report = toReport(analysis.evaluate(), { generatedAt: period.to, events: { read, accepted: read, rejected: 0 } });
  const topics = new Map<string, Map<string, number>>();
  for (const net of report.networks) {
    if (!net.actor) continue;
    let counts = topics.get(net.actor.name);
    if (!counts) topics.set(net.actor.name, (counts = new Map<string, number>()));
    for (const account of net.accounts)
      for (const e of await listEventsOfAccount(database.db, account)) {
        const r = decodeLine(e.seq, e.raw);
        if (!r.ok || !inPeriod(r.value, from, to)) continue;
        const text = requestText(r.value.event);
        if (text) for (const t of extractTopics(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
      }
  }
  return { period, analysis: report, actions, catalogue: options.catalogue, topics };
}

function inPeriod(d: DecodedEvent, from: number, to: number): boolean {
  return d.timeMs >= from && d.timeMs < to;
}

import type { WardenConfig } from '../config/index.js';
import { extractTopics } from '../content/index.js';
import { AppError, isAppError } from '../errors/index.js';
import { decodeLine, requestText, type DecodedEvent } from '../events/index.js';
import { exportBundle, loadStixSchemas, resolveActorName, type ActorCatalogue, type TlpLevel } from '../intel/index.js';
import { Analysis, toReport, type PipelineDeps } from '../pipeline/index.js';
import {
  buildTransparencyReport,
  renderTransparencyHtml,
  renderTransparencyMarkdown,
  type ActionRecord,
  type Pseudonymiser,
  type TransparencyInput,
  type TransparencyReport,
} from '../reports/index.js';
import { listEventsAfter, listEventsOfAccount, type Database } from '../store/index.js';
import { loadIntelStateFromStore } from '../taxii/index.js';
import { reportContentTypes, reportExtensions, type RenderedReport, type ReportFormat } from './case-report-inputs.js';
import { loadPipelineConfig, loadPipelineDeps } from './pipeline-deps.js';
import { renderPdf } from './render-pdf.js';

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

/** The longest period one transparency report covers: a year (a leap year's 366 days). */
export const MAX_REPORT_DAYS = 366;
const DAY = 86_400_000;

/**
 * Checks a report period given as two RFC 3339 times: both parse, `from` is before `to`, and it
 * spans at most `MAX_REPORT_DAYS` (the pipeline re-runs over the whole history before `to`; a
 * decade-long request is a mistake, not a report). Returns the normalised ISO strings.
 */
export function checkReportPeriod(fromText: string, toText: string): { from: string; to: string } {
  const from = Date.parse(fromText);
  const to = Date.parse(toText);
  if (!Number.isFinite(from)) throw new AppError('BAD_REQUEST', `from "${fromText.slice(0, 64)}" is not a date; give an RFC 3339 time such as 2024-01-01T00:00:00Z.`, { details: { from: fromText.slice(0, 64) } });
  if (!Number.isFinite(to)) throw new AppError('BAD_REQUEST', `to "${toText.slice(0, 64)}" is not a date; give an RFC 3339 time such as 2024-02-01T00:00:00Z.`, { details: { to: toText.slice(0, 64) } });
  if (from >= to) throw new AppError('BAD_REQUEST', `The period must start before it ends (from ${new Date(from).toISOString()} is not before to ${new Date(to).toISOString()}).`, { details: { from: fromText, to: toText } });
  if (to - from > MAX_REPORT_DAYS * DAY)
    throw new AppError('BAD_REQUEST', `A report covers at most ${MAX_REPORT_DAYS} days; this period is ${Math.ceil((to - from) / DAY)} days. Split it into yearly reports.`, {
      details: { maxDays: MAX_REPORT_DAYS, days: Math.ceil((to - from) / DAY) },
    });
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The STIX bundle of a transparency report: actors, one campaign per attributed network, no account. */
export function transparencyBundle(report: TransparencyReport, catalogue: ActorCatalogue, marking: TlpLevel): string {
  const actors = report.actors.flatMap((a) => {
    const r = resolveActorName(catalogue, a.name);
    return r.kind === 'match' ? [{ actor: r.actor, row: a }] : [];
  });
  const bundle = exportBundle({
    actors: actors.map((a) => a.actor),
    networks: actors.flatMap(({ actor, row }) =>
      row.networkRefs.map((id) => ({
        id,
        // A published bundle names no account, even pseudonymised: the campaign and its actor suffice.
        accounts: [],
        firstSeen: report.period.from,
        lastSeen: report.period.to,
        actorId: actor.id,
      })),
    ),
    marking,
  });
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/**
 * Gathers, builds and renders the transparency report of a period from the configured store and
 * intel (the CLI and the API both come here). The pipeline runs over the stored history.
 */
export async function produceTransparencyReport(
  deps: { database: Database; config: Readonly<WardenConfig>; catalogue: ActorCatalogue; pseudonymise: Pseudonymiser; now: () => number },
  req: { period: { from: string; to: string }; format: ReportFormat; marking?: TlpLevel; publisher?: string },
): Promise<RenderedReport & { report: TransparencyReport }> {
  let storedIntel;
  try {
    storedIntel = (await loadIntelStateFromStore(deps.database.db, loadStixSchemas())).state;
  } catch (err) {
    if (!isAppError(err, 'STIX_SCHEMAS_MISSING')) throw err;
  }
  const pipelineDeps = loadPipelineDeps({
    intelBundles: deps.config.intel.bundles.split(',').map((s) => s.trim()).filter(Boolean),
    receivedAt: new Date(deps.now()).toISOString(),
    ...(storedIntel ? { storedIntel } : {}),
    config: loadPipelineConfig(deps.config.pipeline),
  });
  const inputs = await gatherTransparencyInputs({ database: deps.database, period: req.period, deps: pipelineDeps, catalogue: deps.catalogue });
  const report = buildTransparencyReport({ ...inputs, pseudonymise: deps.pseudonymise, publisher: req.publisher ?? deps.config.reports.publisher }, new Date(deps.now()).toISOString());
  const filename = `transparency-${req.period.from.slice(0, 10)}-${req.period.to.slice(0, 10)}.${reportExtensions[req.format]}`;
  const contentType = reportContentTypes[req.format];
  const body =
    req.format === 'pdf'
      ? await renderPdf(renderTransparencyHtml(report), deps.config.reports.chromiumPath)
      : req.format === 'md'
        ? renderTransparencyMarkdown(report)
        : req.format === 'html'
          ? renderTransparencyHtml(report)
          : req.format === 'json'
            ? `${JSON.stringify(report, null, 2)}\n`
            : transparencyBundle(report, deps.catalogue, req.marking ?? 'clear');
  return { body, contentType, filename, report };
}

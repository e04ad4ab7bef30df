import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { WardenConfig } from '../config/index.js';
import { AppError } from '../errors/index.js';
import type { ActorCatalogue, TlpLevel } from '../intel/index.js';
import {
  buildCaseReport,
  caseReportBundle,
  renderCaseHtml,
  renderCaseMarkdown,
  tlpBanner,
  type CaseReport,
  type CaseReportAction,
  type CaseReportInput,
  type CaseReportSnapshot,
  type Pseudonymiser,
  type ShareKind,
} from '../reports/index.js';
import { findCaseById, findCaseByKey, listActions, listCaseNotes, type Database, type StoredCase } from '../store/index.js';
import { renderPdf } from './render-pdf.js';

/** Every format a report comes in, and how HTTP and files name it. */
export const reportFormats = ['md', 'html', 'json', 'stix', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const reportContentTypes: Readonly<Record<ReportFormat, string>> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  // STIX 2.1 §1.4 / TAXII 2.1 §1.6.8: the STIX media type with its version parameter.
  stix: 'application/stix+json;version=2.1',
  json: 'application/json; charset=utf-8',
};

export const reportExtensions: Readonly<Record<ReportFormat, string>> = { md: 'md', html: 'html', pdf: 'pdf', stix: 'stix.json', json: 'json' };

/** A rendered report: the bytes and how to label them. */
export interface RenderedReport {
  body: string | Buffer;
  contentType: string;
  filename: string;
}

/**
 * The pseudonymisation key: the configured secret, else a random one kept in the data folder
 * (created once, mode 0600), so reports stay comparable over time without anyone choosing a key.
 */
export function reportPseudonymKey(configured: string | undefined, dataDir: string): { key: string; note?: string } {
  if (configured) return { key: configured };
  const file = resolve(dataDir, 'report-pseudonym.key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim() };
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, note: `created a pseudonymisation key in ${file}; set WARDEN_REPORTS_PSEUDONYM_KEY to use your own` };
}

/** The case a report is about: by case id, or by the id of the network its case follows. */
export async function findReportCase(database: Database, id: string): Promise<StoredCase> {
  const c = (await findCaseById(database.db, id)) ?? (await findCaseByKey(database.db, `network:${id}`));
  if (!c) throw new AppError('CASE_NOT_FOUND', `No case "${id}" (and no case follows a network of that id); list cases with GET /api/v1/cases or \`warden cases list\`.`, { details: { id } });
  return c;
}

function accountsOfPlan(plan: unknown): number {
  const accounts = (plan as { accounts?: unknown } | null)?.accounts;
  return Array.isArray(accounts) ? accounts.length : 0;
}

/** What a case report needs from the store: the case, its snapshot, its notes and its actions. */
export async function gatherCaseReportInputs(
  database: Database,
  id: string,
): Promise<Pick<CaseReportInput, 'case' | 'snapshot' | 'notes' | 'actions'>> {
  const c = await findReportCase(database, id);
  const notes = await listCaseNotes(database.db, c.id);
  const actions: CaseReportAction[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await listActions(database.db, { caseId: c.id, limit: 500, ...(before !== undefined ? { before } : {}) });
    for (const a of page.actions)
      actions.push({
        kind: a.kind,
        targetType: a.targetType,
        targetId: a.targetId,
        state: a.state,
        reason: a.reason,
        accounts: accountsOfPlan(a.plan),
        createdAt: a.createdAt,
        executedAt: a.executedAt,
        reversedAt: a.reversedAt,
      });
    if (page.next === null) break;
    before = page.next;
  }
  const snapshot = (c.snapshot as CaseReportSnapshot | null) ?? null;
  const actor = (c.actor as CaseReportInput['case']['actor']) ?? null;
  return {
    case: {
      id: c.id,
      title: c.title,
      state: c.state,
      priority: c.priority,
      disposition: c.disposition,
      createdAt: new Date(c.createdAt).toISOString(),
      updatedAt: new Date(c.updatedAt).toISOString(),
      accounts: c.accounts,
      networkId: c.networkId,
      actor,
    },
    snapshot: snapshot && Array.isArray(snapshot.accounts) ? { ...snapshot, refs: { indicators: snapshot.refs?.indicators ?? [], ttps: snapshot.refs?.ttps ?? [] } } : null,
    notes: notes.map((n) => ({ kind: n.kind, body: n.body, at: n.at })),
    actions,
  };
}

/** Renders a built case report in a format; a PDF carries the TLP label in every page's header and footer. */
export async function renderCaseReport(report: CaseReport, format: ReportFormat, catalogue: ActorCatalogue, chromiumPath: string): Promise<RenderedReport> {
  const filename = `${report.case.id.replace(/[^A-Za-z0-9_-]/g, '_')}-tlp-${report.tlp.level.replace('+', '-')}.${reportExtensions[format]}`;
  const contentType = reportContentTypes[format];
  switch (format) {
    case 'md':
      return { body: renderCaseMarkdown(report), contentType, filename };
    case 'html':
      return { body: renderCaseHtml(report), contentType, filename };
    case 'json':
      return { body: `${JSON.stringify(report, null, 2)}\n`, contentType, filename };
    case 'stix':
      return { body: `${JSON.stringify(caseReportBundle(report, catalogue), null, 2)}\n`, contentType, filename };
    case 'pdf': {
      const banner = tlpBanner(report.tlp.level);
      return { body: await renderPdf(renderCaseHtml(report), chromiumPath, { header: banner, footer: banner }), contentType, filename };
    }
  }
}

/** Everything one case report needs besides the store. */
export interface CaseReportRequest {
  id: string;
  tlp: TlpLevel;
  format: ReportFormat;
  share?: readonly ShareKind[];
  includeIdentifiers?: boolean;
  publisher?: string;
}

/** Gathers, builds and renders one case report (the CLI and the API both come here). */
export async function produceCaseReport(
  deps: { database: Database; config: Readonly<WardenConfig>; catalogue: ActorCatalogue; pseudonymise: Pseudonymiser; now: () => number },
  req: CaseReportRequest,
): Promise<RenderedReport & { report: CaseReport }> {
  const inputs = await gatherCaseReportInputs(deps.database, req.id);
  const report = buildCaseReport(
    {
      ...inputs,
      catalogue: deps.catalogue,
      tlp: req.tlp,
      pseudonymise: deps.pseudonymise,
      ...(req.share ? { share: req.share } : {}),
      includeIdentifiers: req.includeIdentifiers === true,
      publisher: req.publisher ?? deps.config.reports.publisher,
    },
    new Date(deps.now()).toISOString(),
  );
  return { ...(await renderCaseReport(report, req.format, deps.catalogue, deps.config.reports.chromiumPath)), report };
}

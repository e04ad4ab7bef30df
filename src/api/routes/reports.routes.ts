import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import { createPseudonymiser, isShareKind, parseTlp, SHARE_KINDS, TLP_LEVELS, type Pseudonymiser, type ShareKind } from '../../reports/index.js';
import { checkReportPeriod, produceCaseReport, produceTransparencyReport, reportFormats, reportPseudonymKey, type RenderedReport, type ReportFormat } from '../../server/index.js';
import { requirePermission } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { roleAllows } from '../permissions.js';
import { actorOf, errorSchema, jsonSchema, parse, useZodValidation } from './cases.route-helpers.js';

const DAY = 86_400_000;
/** PDFs and transparency reports in progress at once in one process. */
const MAX_HEAVY_REPORTS = 2;
const idParams = z.object({ id: z.string().min(1).max(200) });
// Strings only: a repeated parameter arrives as an array and is refused rather than guessed at.
const transparencyQuery = z
  .object({
    from: z.string().max(64).optional(),
    to: z.string().max(64).optional(),
    format: z.string().max(16).optional(),
    marking: z.string().max(32).optional(),
  })
  .strict();
const caseQuery = z
  .object({
    tlp: z.string().max(32).optional(),
    format: z.string().max(16).optional(),
    share: z.string().max(400).optional(),
    includeIdentifiers: z.enum(['true', 'false']).optional(),
  })
  .strict();
const reportBody = { description: 'The report in the format asked for (Markdown, HTML, JSON, a STIX 2.1 bundle or a PDF)', type: 'string' };

function formatOf(s: string | undefined, fallback: ReportFormat): ReportFormat {
  const f = s ?? fallback;
  if (!(reportFormats as readonly string[]).includes(f))
    throw new AppError('BAD_REQUEST', `format "${f}" is not one of ${reportFormats.join(', ')}.`, { details: { allowed: reportFormats } });
  return f as ReportFormat;
}

function tlpOf(s: string | undefined, name: string, fallback: string) {
  const level = parseTlp(s ?? fallback);
  if (!level)
    throw new AppError('BAD_REQUEST', `${name} "${(s ?? '').slice(0, 32)}" is not a TLP 2.0 level; use one of ${TLP_LEVELS.join(', ')} (write amber+strict as amber%2Bstrict).`, {
      details: { allowed: TLP_LEVELS },
    });
  return level;
}

function shareOf(s: string | undefined): ShareKind[] | undefined {
  if (s === undefined) return undefined;
  if (s === 'none' || s === '') return [];
  const kinds = s.split(',').map((k) => k.trim());
  const bad = kinds.filter((k) => !isShareKind(k));
  if (bad.length > 0)
    throw new AppError('BAD_REQUEST', `share: unknown kind(s) ${bad.slice(0, 5).join(', ').slice(0, 120)}; use a comma-separated list of ${SHARE_KINDS.join(', ')}, or none.`, {
      details: { allowed: SHARE_KINDS },
    });
  return [...new Set(kinds)] as ShareKind[];
}

/**
 * Sends a rendered report. HTML is served under a Content-Security-Policy that forbids every
 * script, frame and fetch (the console previews it in a sandboxed iframe, and a report's text
 * comes from evidence and notes); every format names its file (RFC 6266), PDFs as attachments.
 */
function send(reply: FastifyReply, out: RenderedReport, format: ReportFormat): FastifyReply {
  void reply.header('content-type', out.contentType);
  void reply.header('content-disposition', `${format === 'html' || format === 'json' ? 'inline' : 'attachment'}; filename="${out.filename}"`);
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('cache-control', 'no-store');
  if (format === 'html') void reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
  return reply.send(out.body);
}

/**
 * Reports over HTTP: the transparency report of a period and a case's report for a partner
 * under a TLP marking, in every format the CLI writes. Generating either is audited; printing
 * the provider's account ids in clear needs a lead (`actions:execute`) and is audited as such.
 */
export function reportsRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    useZodValidation(app);
    const tags = ['reports'];
    let pseudonymiser: Pseudonymiser | undefined;
    const pseudonymise = (): Pseudonymiser => {
      if (!pseudonymiser) {
        const { key, note } = reportPseudonymKey(deps.config.reports.pseudonymKey, deps.config.database.dataDir);
        if (note) deps.logger.warn(note);
        pseudonymiser = createPseudonymiser(key);
      }
      return pseudonymiser;
    };
    const reportDeps = () => ({ database: deps.database, config: deps.config, catalogue: deps.intel!.catalogue, pseudonymise: pseudonymise(), now: deps.now });
    // A PDF starts a Chromium (about 200 MB) and a transparency report re-runs the pipeline over
    // the stored history: a few at a time per process, the rest told to come back (RFC 6585 §4).
    let heavyInFlight = 0;
    const heavy = async <T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> => {
      if (heavyInFlight >= MAX_HEAVY_REPORTS) {
        void reply.header('retry-after', '5');
        throw new AppError('RATE_LIMITED', `${MAX_HEAVY_REPORTS} reports are being printed or computed already; retry in a few seconds.`, { details: { limit: MAX_HEAVY_REPORTS } });
      }
      heavyInFlight++;
      try {
        return await work();
      } finally {
        heavyInFlight--;
      }
    };

    app.get(
      '/api/v1/reports/transparency',
      {
        preHandler: requirePermission(deps, 'cases:write'),
        schema: {
          summary: 'The transparency report of a period (from, to: RFC 3339; default the 30 days before now; at most 366 days) as md, html, json, stix or pdf',
          tags,
          querystring: jsonSchema(transparencyQuery, 'input'),
          response: { 200: reportBody, '4xx': errorSchema },
        },
      },
      async (req, reply) => {
        const q = parse(transparencyQuery, req.query, 'query');
        const format = formatOf(q.format, 'json');
        const marking = tlpOf(q.marking, 'marking', 'clear');
        const to = q.to ?? new Date(deps.now()).toISOString();
        const from = q.from ?? new Date(Date.parse(to) - 30 * DAY).toISOString();
        const period = checkReportPeriod(from, to);
        const out = await heavy(reply, () => produceTransparencyReport(reportDeps(), { period, format, marking }));
        await deps.audit?.record({ at: deps.now(), actor: actorOf(req), action: 'report.generated', target: { type: 'report', id: 'transparency' }, details: { report: 'transparency', ...period, format } });
        return send(reply, out, format);
      },
    );

    app.get(
      '/api/v1/reports/cases/:id',
      {
        preHandler: requirePermission(deps, 'cases:write'),
        schema: {
          summary: "A case's report for a partner under a TLP 2.0 marking (tlp: clear, green, amber, amber+strict, red) as md, html, json, stix or pdf",
          tags,
          params: jsonSchema(idParams, 'input'),
          querystring: jsonSchema(caseQuery, 'input'),
          response: { 200: reportBody, '4xx': errorSchema },
        },
      },
      async (req, reply) => {
        const { id } = parse(idParams, req.params, 'path');
        const q = parse(caseQuery, req.query, 'query');
        const format = formatOf(q.format, 'html');
        const tlp = tlpOf(q.tlp, 'tlp', 'amber');
        const share = shareOf(q.share);
        const includeIdentifiers = q.includeIdentifiers === 'true';
        const role = req.caller?.role ?? '';
        if (includeIdentifiers && !roleAllows(role, 'actions:execute'))
          throw new AppError('FORBIDDEN', "Printing the provider's account ids in a partner report needs the `actions:execute` permission (a lead).", {
            details: { permission: 'actions:execute', role },
          });
        const produce = () => produceCaseReport(reportDeps(), { id, tlp, format, includeIdentifiers, ...(share ? { share } : {}) });
        const out = format === 'pdf' ? await heavy(reply, produce) : await produce();
        await deps.audit?.record({
          at: deps.now(),
          actor: actorOf(req),
          action: includeIdentifiers ? 'report.identifiers_included' : 'report.generated',
          target: { type: 'case', id: out.report.case.id },
          details: { report: 'case', tlp, format, includeIdentifiers, shared: out.report.shared },
        });
        return send(reply, out, format);
      },
    );
    return Promise.resolve();
  };
}

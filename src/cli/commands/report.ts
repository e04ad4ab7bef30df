import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { AuditLog } from '../../audit/index.js';
import { isAppError } from '../../errors/index.js';
import { loadActorCatalogue } from '../../intel/index.js';
import { createPseudonymiser, DEFAULT_SHARE, isShareKind, parseTlp, SHARE_KINDS, TLP_LEVELS, type ShareKind } from '../../reports/index.js';
import {
  checkReportPeriod,
  MAX_REPORT_DAYS,
  produceCaseReport,
  produceTransparencyReport,
  reportFormats,
  reportPseudonymKey,
  type RenderedReport,
  type ReportFormat,
} from '../../server/index.js';
import { UsageError } from '../cli-error.js';
import { cliConfig, openCliDatabase, type DbOptions } from '../context.js';

const DAY = 86_400_000;

interface TransparencyOptions extends DbOptions {
  from?: string;
  to?: string;
  days: string;
  format?: string;
  out?: string;
  publisher?: string;
  marking: string;
}

interface CaseOptions extends DbOptions {
  tlp?: string;
  format?: string;
  out?: string;
  publisher?: string;
  share?: string;
  includeIdentifiers?: boolean;
}

/** `--from`/`--to` as RFC 3339 times; `--to` defaults to now and `--from` to `--days` before it. */
export function resolvePeriod(opts: { from?: string; to?: string; days: string }, now: number): { from: string; to: string } {
  const to = opts.to ? Date.parse(opts.to) : now;
  if (!Number.isFinite(to)) throw new UsageError(`--to ${opts.to}: not a date; give an RFC 3339 time such as 2024-02-01T00:00:00Z`);
  const days = Number(opts.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_REPORT_DAYS) throw new UsageError(`--days ${opts.days}: give a whole number of days from 1 to ${MAX_REPORT_DAYS}`);
  const from = opts.from ? Date.parse(opts.from) : to - days * DAY;
  if (!Number.isFinite(from)) throw new UsageError(`--from ${opts.from}: not a date; give an RFC 3339 time such as 2024-01-01T00:00:00Z`);
  if (from >= to) throw new UsageError('--from must be before --to');
  try {
    return checkReportPeriod(new Date(from).toISOString(), new Date(to).toISOString());
  } catch (err) {
    if (isAppError(err)) throw new UsageError(err.message);
    throw err;
  }
}

function formatOf(opts: { format?: string; out?: string }): ReportFormat {
  const fromOut = opts.out ? (opts.out.endsWith('.stix.json') ? 'stix' : opts.out.split('.').pop()) : 'md';
  const f = opts.format ?? fromOut;
  const normal = f === 'markdown' ? 'md' : f === 'htm' ? 'html' : f;
  if (!(reportFormats as readonly string[]).includes(normal ?? ''))
    throw new UsageError(`--format must be one of ${reportFormats.join(', ')} (got "${f}"); or give --out with one of those extensions`);
  return normal as ReportFormat;
}

function tlpOf(s: string, flag: string) {
  const level = parseTlp(s);
  if (!level) throw new UsageError(`${flag} ${s}: must be one of ${TLP_LEVELS.join(', ')} (TLP 2.0)`);
  return level;
}

function shareOf(s: string | undefined): ShareKind[] | undefined {
  if (s === undefined) return undefined;
  const kinds = s.split(',').map((k) => k.trim()).filter(Boolean);
  const bad = kinds.filter((k) => !isShareKind(k));
  if (bad.length > 0) throw new UsageError(`--share ${bad.join(',')}: unknown kind; give a comma-separated list of ${SHARE_KINDS.join(', ')} (or "none")`);
  return kinds as ShareKind[];
}

function write(out: RenderedReport, file: string | undefined): void {
  if (file) writeFileSync(file, out.body);
  else process.stdout.write(out.body);
}

const cliActor = () => `system:cli:${process.env.USER ?? 'unknown'}`;

/** `warden report transparency|case`: the reports a provider publishes and sends its partners. */
export function registerReport(program: Command): void {
  const report = program.command('report').description('Reports Warden publishes: the transparency report, and case reports for partners under TLP');
  report
    .command('transparency')
    .description('the transparency report for a period: actors disrupted, accounts actioned, what they sought, TTPs (ATT&CK, ATLAS)')
    .option('--from <time>', 'start of the period (RFC 3339); default --days before --to')
    .option('--to <time>', 'end of the period, exclusive (RFC 3339); default now')
    .option('--days <n>', `length of the period when --from is not given (at most ${MAX_REPORT_DAYS})`, '30')
    .option('--format <format>', `one of ${reportFormats.join(', ')}; default from --out's extension, else md`)
    .option('--out <file>', 'write here instead of standard output')
    .option('--publisher <name>', 'who publishes it (default WARDEN_REPORTS_PUBLISHER)')
    .option('--marking <tlp>', `TLP marking of the STIX bundle: ${TLP_LEVELS.join(', ')}`, 'clear')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: TransparencyOptions) => {
      const config = cliConfig();
      const period = resolvePeriod(opts, Date.now());
      const format = formatOf(opts);
      if (format === 'pdf' && !opts.out && process.stdout.isTTY) throw new UsageError('a PDF is binary: give --out FILE.pdf or redirect standard output');
      const marking = tlpOf(opts.marking, '--marking');
      const { key, note } = reportPseudonymKey(config.reports.pseudonymKey, opts.db ? dirname(opts.db) : join(config.database.dataDir));
      if (note) console.error(note);
      const database = await openCliDatabase(opts);
      try {
        const out = await produceTransparencyReport(
          { database, config, catalogue: loadActorCatalogue(), pseudonymise: createPseudonymiser(key), now: Date.now },
          { period, format, marking, ...(opts.publisher ? { publisher: opts.publisher } : {}) },
        );
        await new AuditLog(database).record({
          at: Date.now(),
          actor: cliActor(),
          action: 'report.generated',
          target: { type: 'report', id: 'transparency' },
          details: { report: 'transparency', ...period, format },
        });
        write(out, opts.out);
      } finally {
        await database.close();
      }
    });

  report
    .command('case <case-id>')
    .description('the case report for a partner, under a TLP 2.0 marking: summary, timeline, accounts, infrastructure, indicators, TTPs, attribution, actions')
    .option('--tlp <level>', `TLP 2.0 marking: ${TLP_LEVELS.join(', ')}`, 'amber')
    .option('--format <format>', `one of ${reportFormats.join(', ')}; default from --out's extension, else md`)
    .option('--out <file>', 'write here instead of standard output')
    .option('--publisher <name>', 'who sends it (default WARDEN_REPORTS_PUBLISHER)')
    .option('--share <kinds>', `value kinds printed in clear, comma-separated (default ${DEFAULT_SHARE.join(',')}; "none" for none)`)
    .option('--include-identifiers', "print the provider's account ids and every value in clear (audited)")
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (caseId: string, opts: CaseOptions) => {
      const config = cliConfig();
      const format = formatOf(opts);
      if (format === 'pdf' && !opts.out && process.stdout.isTTY) throw new UsageError('a PDF is binary: give --out FILE.pdf or redirect standard output');
      const tlp = tlpOf(opts.tlp ?? 'amber', '--tlp');
      const share = opts.share === 'none' ? [] : shareOf(opts.share);
      if (caseId.length > 200) throw new UsageError('<case-id> is longer than any case id (200 characters at most)');
      const { key, note } = reportPseudonymKey(config.reports.pseudonymKey, opts.db ? dirname(opts.db) : join(config.database.dataDir));
      if (note) console.error(note);
      const database = await openCliDatabase(opts);
      try {
        const includeIdentifiers = opts.includeIdentifiers === true;
        let out;
        try {
          out = await produceCaseReport(
            { database, config, catalogue: loadActorCatalogue(), pseudonymise: createPseudonymiser(key), now: Date.now },
            { id: caseId, tlp, format, includeIdentifiers, ...(share ? { share } : {}), ...(opts.publisher ? { publisher: opts.publisher } : {}) },
          );
        } catch (err) {
          if (isAppError(err, 'CASE_NOT_FOUND')) throw new UsageError(`no case "${caseId}" (nor a case following a network of that id); list them with \`warden cases list\``);
          throw err;
        }
        // A report leaves the company: who made which, under what marking, is on the record.
        await new AuditLog(database).record({
          at: Date.now(),
          actor: cliActor(),
          action: includeIdentifiers ? 'report.identifiers_included' : 'report.generated',
          target: { type: 'case', id: out.report.case.id },
          details: { report: 'case', tlp, format, includeIdentifiers, shared: out.report.shared },
        });
        if (includeIdentifiers) console.error('this report includes account identifiers in clear; the audit log records that you made it');
        write(out, opts.out);
      } finally {
        await database.close();
      }
    });
}

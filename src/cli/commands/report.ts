import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { exportBundle, loadActorCatalogue, loadStixSchemas, resolveActorName, type TlpLevel } from '../../intel/index.js';
import {
  buildTransparencyReport,
  createPseudonymiser,
  renderTransparencyHtml,
  renderTransparencyMarkdown,
  type TransparencyReport,
} from '../../reports/index.js';
import { gatherTransparencyInputs, loadPipelineConfig, loadPipelineDeps, renderPdf } from '../../server/index.js';
import { loadIntelStateFromStore } from '../../taxii/index.js';
import { UsageError } from '../cli-error.js';
import { cliConfig, openCliDatabase, type DbOptions } from '../context.js';

const formats = ['md', 'html', 'json', 'stix', 'pdf'] as const;
type Format = (typeof formats)[number];
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

/** `--from`/`--to` as RFC 3339 times; `--to` defaults to now and `--from` to `--days` before it. */
export function resolvePeriod(opts: { from?: string; to?: string; days: string }, now: number): { from: string; to: string } {
  const to = opts.to ? Date.parse(opts.to) : now;
  if (!Number.isFinite(to)) throw new UsageError(`--to ${opts.to}: not a date; give an RFC 3339 time such as 2024-02-01T00:00:00Z`);
  const days = Number(opts.days);
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new UsageError(`--days ${opts.days}: give a whole number of days from 1 to 3660`);
  const from = opts.from ? Date.parse(opts.from) : to - days * DAY;
  if (!Number.isFinite(from)) throw new UsageError(`--from ${opts.from}: not a date; give an RFC 3339 time such as 2024-01-01T00:00:00Z`);
  if (from >= to) throw new UsageError('--from must be before --to');
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

function formatOf(opts: { format?: string; out?: string }): Format {
  const f = opts.format ?? (opts.out ? opts.out.split('.').pop() : 'md');
  const normal = f === 'markdown' ? 'md' : f === 'htm' ? 'html' : f;
  if (!(formats as readonly string[]).includes(normal ?? ''))
    throw new UsageError(`--format must be one of ${formats.join(', ')} (got "${f}"); or give --out with one of those extensions`);
  return normal as Format;
}

/**
 * The pseudonymisation key: the configured secret, else a random one kept beside the embedded
 * database, so reports stay comparable over time without anyone having to choose a key.
 */
function pseudonymKey(configured: string | undefined, dataDir: string): { key: string; note?: string } {
  if (configured) return { key: configured };
  const file = resolve(dataDir, 'report-pseudonym.key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim() };
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, note: `created a pseudonymisation key in ${file}; set WARDEN_REPORTS_PSEUDONYM_KEY to use your own` };
}

function stixOf(report: TransparencyReport, marking: TlpLevel): string {
  const catalogue = loadActorCatalogue();
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

/** `warden report transparency`: the report a provider publishes about threat actors' use of its service. */
export function registerReport(program: Command): void {
  const report = program.command('report').description('Reports Warden publishes: the transparency report');
  report
    .command('transparency')
    .description('the transparency report for a period: actors disrupted, accounts actioned, what they sought, TTPs (ATT&CK, ATLAS)')
    .option('--from <time>', 'start of the period (RFC 3339); default --days before --to')
    .option('--to <time>', 'end of the period, exclusive (RFC 3339); default now')
    .option('--days <n>', 'length of the period when --from is not given', '30')
    .option('--format <format>', `one of ${formats.join(', ')}; default from --out's extension, else md`)
    .option('--out <file>', 'write here instead of standard output')
    .option('--publisher <name>', 'who publishes it (default WARDEN_REPORTS_PUBLISHER)')
    .option('--marking <tlp>', 'TLP marking of the STIX bundle: clear, green, amber, amber+strict, red', 'clear')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: TransparencyOptions) => {
      const config = cliConfig();
      const period = resolvePeriod(opts, Date.now());
      const format = formatOf(opts);
      if (format === 'pdf' && !opts.out && process.stdout.isTTY) throw new UsageError('a PDF is binary: give --out FILE.pdf or redirect standard output');
      const levels = ['clear', 'green', 'amber', 'amber+strict', 'red'];
      if (!levels.includes(opts.marking)) throw new UsageError(`--marking must be one of ${levels.join(', ')}`);
      const { key, note } = pseudonymKey(config.reports.pseudonymKey, opts.db ? dirname(opts.db) : join(config.database.dataDir));
      if (note) console.error(note);
      const database = await openCliDatabase(opts);
      try {
        const stored = (await loadIntelStateFromStore(database.db, loadStixSchemas())).state;
        const deps = loadPipelineDeps({
          intelBundles: config.intel.bundles.split(',').map((s) => s.trim()).filter(Boolean),
          receivedAt: new Date().toISOString(),
          storedIntel: stored,
          config: loadPipelineConfig(config.pipeline),
        });
        const pseudonymise = createPseudonymiser(key);
        const inputs = await gatherTransparencyInputs({ database, period, deps, catalogue: loadActorCatalogue() });
        const built = buildTransparencyReport(
          { ...inputs, pseudonymise, publisher: opts.publisher ?? config.reports.publisher },
          new Date().toISOString(),
        );
        if (format === 'pdf') {
          const pdf = await renderPdf(renderTransparencyHtml(built), config.reports.chromiumPath);
          if (opts.out) writeFileSync(opts.out, pdf);
          else process.stdout.write(pdf);
          return;
        }
        const text =
          format === 'md'
            ? renderTransparencyMarkdown(built)
            : format === 'html'
              ? renderTransparencyHtml(built)
              : format === 'json'
                ? `${JSON.stringify(built, null, 2)}\n`
                : stixOf(built, opts.marking as TlpLevel);
        if (opts.out) writeFileSync(opts.out, text);
        else process.stdout.write(text);
      } finally {
        await database.close();
      }
    });
}

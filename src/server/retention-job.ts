import type { AuditSink } from '../audit/index.js';
import type { WardenConfig } from '../config/index.js';
import { loadStixSchemas } from '../intel/index.js';
import type { Logger } from '../observability/index.js';
import { purgeExpiredText, type CaseLookup, type PurgeReport } from '../privacy/index.js';
import type { Database } from '../store/index.js';
import { loadIntelStateFromStore } from '../taxii/index.js';
import { LiveAnalysis } from './live-analysis.js';
import { loadPipelineConfig, loadPipelineDeps } from './pipeline-deps.js';

export interface RetentionDeps {
  database: Database;
  config: Readonly<WardenConfig>;
  analysis: Pick<LiveAnalysis, 'report'>;
  cases: CaseLookup;
  audit: AuditSink;
  now: () => number;
}

/** One retention pass: accounts with a verdict now, or any case, keep their text; the pass is audited. */
export async function runRetention(deps: RetentionDeps, options: { dryRun?: boolean; actor?: string } = {}): Promise<PurgeReport> {
  const now = deps.now();
  const flagged = new Set(deps.analysis.report(new Date(now).toISOString()).accounts.map((a) => a.account));
  const report = await purgeExpiredText(deps.database, {
    retentionDays: deps.config.privacy.retentionDays,
    now,
    flaggedAccounts: flagged,
    cases: deps.cases,
    ...(options.dryRun !== undefined ? { dryRun: options.dryRun } : {}),
  });
  if (!report.dryRun) {
    await deps.audit.record({ at: now, actor: options.actor ?? 'system:retention', action: 'retention.purged', details: { ...report, retentionDays: deps.config.privacy.retentionDays } });
  }
  return report;
}

/** The daily retention job of `warden serve`: first pass a minute after start, then every 24 hours. */
export function scheduleRetention(deps: RetentionDeps, logger: Logger): { stop(): void } {
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    runRetention(deps)
      .then((r) => logger.info({ purged: r.purged, scanned: r.scanned, keptFlagged: r.keptFlagged }, 'retention pass done'))
      .catch((err: unknown) => logger.error({ err }, 'retention pass failed; raw text kept until the next pass'))
      .finally(() => (running = false));
  };
  const first = setTimeout(pass, 60_000);
  const daily = setInterval(pass, 86_400_000);
  first.unref();
  daily.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}

/**
 * The verdicts of the stored events, for `warden retention purge` outside a server: the same
 * pipeline the server runs, replayed over the store (stored intel included when the STIX
 * schemas are present).
 */
export async function replayAnalysis(database: Database, config: Readonly<WardenConfig>): Promise<LiveAnalysis> {
  let storedIntel;
  try {
    storedIntel = (await loadIntelStateFromStore(database.db, loadStixSchemas())).state;
  } catch {
    storedIntel = undefined;
  }
  const bundles = config.intel.bundles.split(',').map((s) => s.trim()).filter(Boolean);
  const analysis = new LiveAnalysis(
    loadPipelineDeps({ intelBundles: bundles, config: loadPipelineConfig(config.pipeline), receivedAt: new Date().toISOString(), ...(storedIntel ? { storedIntel } : {}) }),
  );
  await analysis.replay(database);
  return analysis;
}

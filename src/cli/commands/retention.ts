import type { Command } from 'commander';
import { AuditLog } from '../../audit/index.js';
import { replayAnalysis, runRetention, storeCaseLookup } from '../../server/index.js';
import { cliConfig, openCliDatabase, type DbOptions } from '../context.js';

/** `warden retention purge`: the retention pass `warden serve` runs daily, on demand. */
export function registerRetention(program: Command): void {
  const retention = program.command('retention').description('Privacy retention of raw prompt and response text');
  retention
    .command('purge')
    .description('replace the raw text of never-flagged accounts older than WARDEN_PRIVACY_RETENTION_DAYS with a length-and-hash marker')
    .option('--dry-run', 'count what would be purged; change nothing')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: DbOptions & { dryRun?: boolean }) => {
      const config = cliConfig();
      const database = await openCliDatabase(opts);
      try {
        // The verdicts decide who is flagged, so the pipeline runs over the store first.
        const analysis = await replayAnalysis(database, config);
        const report = await runRetention(
          { database, config, analysis, cases: storeCaseLookup(database), audit: new AuditLog(database), now: Date.now },
          { dryRun: opts.dryRun ?? false, actor: `system:cli:${process.env.USER ?? 'unknown'}` },
        );
        console.log(JSON.stringify(report));
        console.error(`${report.dryRun ? 'would purge' : 'purged'} ${report.purged} of ${report.scanned} events older than ${report.cutoff}; kept ${report.keptFlagged} of flagged or cased accounts`);
      } finally {
        await database.close();
      }
    });
}

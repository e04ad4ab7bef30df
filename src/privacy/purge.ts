import { parseJsonSafely } from '../events/index.js';
import { listEventsReceivedBefore, replaceEventRaws, type Database } from '../store/index.js';
import type { CaseLookup } from './case-lookup.js';
import { hasEventText, mapEventText } from './event-text.js';
import { isPurged, purgeEventText } from './retention.js';

export interface PurgeOptions {
  retentionDays: number;
  now: number;
  /** Accounts with a verdict (malicious or suspicious) in the live analysis: their text is kept. */
  flaggedAccounts: ReadonlySet<string>;
  /** Accounts with any case are kept too; without it, nothing is purged (it cannot tell). */
  cases?: CaseLookup;
  /** Count only; change nothing. */
  dryRun?: boolean;
  pageSize?: number;
}

export interface PurgeReport {
  cutoff: string;
  scanned: number;
  purged: number;
  keptFlagged: number;
  alreadyPurged: number;
  withoutText: number;
  dryRun: boolean;
}

/**
 * Retention: replaces the prompt and response text of events older than the retention period,
 * of accounts never flagged (no verdict, no case), with a marker holding its length and hash.
 * The rest of the event — ids, times, IPs, devices, usage — stays, so linkage and replay still
 * work. Without a case lookup that answers `hasAnyCase`, nothing is purged: "never flagged" must include cases.
 */
export async function purgeExpiredText(database: Database, options: PurgeOptions): Promise<PurgeReport> {
  const cutoffMs = options.now - options.retentionDays * 86_400_000;
  const report: PurgeReport = { cutoff: new Date(cutoffMs).toISOString(), scanned: 0, purged: 0, keptFlagged: 0, alreadyPurged: 0, withoutText: 0, dryRun: options.dryRun ?? false };
  const hasCase = new Map<string, boolean>();
  const caseOf = async (account: string) => {
    let v = hasCase.get(account);
    if (v === undefined) hasCase.set(account, (v = (await options.cases?.hasAnyCase?.(account)) ?? true));
    return v;
  };
  for (let after = 0; ; ) {
    const page = await listEventsReceivedBefore(database.db, cutoffMs, after, options.pageSize ?? 2000);
    if (page.length === 0) break;
    after = page[page.length - 1]!.seq;
    const changes: { seq: number; id: string; raw: string }[] = [];
    for (const row of page) {
      report.scanned++;
      const event = parseJsonSafely(row.raw);
      if (!hasEventText(event)) {
        report.withoutText++;
        continue;
      }
      let allPurged = true;
      mapEventText(event, (t) => ((allPurged &&= isPurged(t)), t));
      if (allPurged) {
        report.alreadyPurged++;
        continue;
      }
      if (options.flaggedAccounts.has(row.account) || (await caseOf(row.account))) {
        report.keptFlagged++;
        continue;
      }
      changes.push({ seq: row.seq, id: row.id, raw: JSON.stringify(purgeEventText(event)) });
    }
    report.purged += changes.length;
    if (!report.dryRun) await replaceEventRaws(database.db, changes);
  }
  return report;
}

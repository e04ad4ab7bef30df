import type { AuditRecordInput, AuditSink } from '../audit/index.js';
import type { WardenConfig } from '../config/index.js';
import type { Blocklist, EnforcementBus } from '../enforcement/index.js';
import type { DecodedEvent } from '../events/index.js';
import type { ActorCatalogue, Warninglists } from '../intel/index.js';
import type { Logger } from '../observability/index.js';
import type { AnalyzeReport } from '../pipeline/index.js';
import type { Database } from '../store/index.js';

/**
 * What the cases services need, built by the composition root (server, API, CLI) and passed
 * down. Everything optional is a capability the caller may not have: the CLI has no live
 * pipeline and no bus, a test may have no audit log; the services say what they skipped.
 */
export interface CasesContext {
  database: Database;
  config: Readonly<WardenConfig['cases']>;
  now: () => number;
  logger?: Logger;
  audit?: AuditSink;
  enforcement?: { blocklist: Blocklist; bus: EnforcementBus };
  /** The live pipeline's report, for case sync and the verdicts of accounts a ban would touch. */
  analysis?: { report(generatedAt: string): AnalyzeReport };
  catalogue?: ActorCatalogue;
  /** Cloud, VPN and webmail lists: values on them are hubs a ban skips unless confirmed. */
  warninglists?: Warninglists;
  /** Feeds events Warden records itself (`account.enforced`) to the live pipeline. */
  onEventsCommitted?: (events: DecodedEvent[]) => void | Promise<void>;
}

/** Records to the audit log when there is one; an audit failure is logged and re-thrown. */
export async function audit(ctx: CasesContext, entry: Omit<AuditRecordInput, 'at'> & { at?: number }): Promise<void> {
  if (!ctx.audit) return;
  try {
    await ctx.audit.record({ at: ctx.now(), ...entry });
  } catch (err) {
    ctx.logger?.error({ err, action: entry.action }, 'audit record failed');
    throw err;
  }
}

/** ISO text of an epoch-ms time, null kept. */
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

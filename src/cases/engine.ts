import { runDueActions } from './actions.service.js';
import { syncCasesFromReport } from './cases.service.js';
import type { CasesContext } from './context.js';
import { applyStateActorPolicy } from './policy.js';
import { deliverDueWebhooks } from './webhooks.service.js';

/** What one scheduler tick did. */
export interface TickReport {
  opened: number;
  updated: number;
  policyActions: number;
  executed: number;
  expired: number;
  delivered: number;
  failed: number;
}

/** The server's background work for cases: sync detections, run due actions, deliver webhooks. */
export interface CasesEngine {
  /** One full pass now, case sync included (tests, `POST /api/v1/cases/sync`-like callers). */
  tick(): Promise<TickReport>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Builds the scheduler. Ticks never overlap (a slow one delays the next); a failing tick is
 * logged and the next one retries, since every step is idempotent. Cases are synced only when
 * the live report changed (new events or a rebuild), so an idle server costs a few queries.
 */
export function createCasesEngine(ctx: CasesContext): CasesEngine {
  let lastSignature = '';
  let lastSyncAt = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function tick(forceSync: boolean): Promise<TickReport> {
    const r: TickReport = { opened: 0, updated: 0, policyActions: 0, executed: 0, expired: 0, delivered: 0, failed: 0 };
    // Reading the report re-evaluates the pipeline after new events, which is costly on a large
    // history: the timer does it at most every syncIntervalMs, while actions and webhooks run every tick.
    if (ctx.analysis && (forceSync || ctx.now() - lastSyncAt >= ctx.config.syncIntervalMs)) {
      lastSyncAt = ctx.now();
      const report = ctx.analysis.report(new Date(ctx.now()).toISOString());
      const signature = `${report.events.read}:${report.accounts.length}:${report.networks.length}:${report.networks.map((n) => n.actor?.level ?? '-').join('')}`;
      if (signature !== lastSignature) {
        const sync = await syncCasesFromReport(ctx, report);
        r.opened = sync.opened.length;
        r.updated = sync.updated.length;
        r.policyActions = (await applyStateActorPolicy(ctx, [...sync.opened, ...sync.updated])).length;
        lastSignature = signature;
      }
    }
    const actions = await runDueActions(ctx);
    r.executed = actions.executed;
    r.expired = actions.expired;
    for (const d of await deliverDueWebhooks(ctx)) {
      if (d.ok) r.delivered++;
      else r.failed++;
    }
    return r;
  }

  const serialTick = (forceSync: boolean): Promise<TickReport> => {
    const next = running.then(() => tick(forceSync));
    running = next.catch((err: unknown) => ctx.logger?.error({ err }, 'cases scheduler tick failed; retrying next tick'));
    return next;
  };

  return {
    tick: () => serialTick(true),
    start() {
      if (timer) return;
      timer = setInterval(() => void serialTick(false).catch(() => undefined), ctx.config.schedulerIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

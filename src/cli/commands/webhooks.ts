import type { Command } from 'commander';
import { addWebhookSubscription, listDeadLetters, listPublicSubscriptions, replayDeadLetter, setInboundSource, webhookEventTypes } from '../../cases/index.js';
import { UsageError } from '../cli-error.js';
import type { DbOptions } from '../context.js';
import { cliActor, print, withCasesContext } from './cases-context.js';

interface Common extends DbOptions {
  json?: boolean;
}

/** `warden webhooks add|list|dead-letters|replay|source`: where enforcement news goes, and what comes back. */
export function registerWebhooks(program: Command): void {
  const hooks = program.command('webhooks').description("Webhooks to the provider's systems: subscriptions, dead letters, inbound sources");
  const db = '--db <path>';
  const dbHelp = 'an embedded SQLite file instead of the configured database';

  hooks
    .command('add <url>')
    .description('subscribe a URL; prints the signing secret once')
    .option('--events <list>', `comma-separated: ${webhookEventTypes.join(', ')} or *`, '*')
    .option('--json', 'print JSON')
    .option(db, dbHelp)
    .action(async (url: string, opts: Common & { events: string }) => {
      const eventTypes = opts.events.split(',').map((s) => s.trim()).filter(Boolean);
      if (eventTypes.length === 0) throw new UsageError('--events names no event type');
      await withCasesContext(opts, async (ctx) => {
        const r = await addWebhookSubscription(ctx, { url, eventTypes }, cliActor());
        print(opts.json, r, (v) => [v.secret]);
        if (!opts.json) console.error(`subscribed ${r.subscription.id} to ${r.subscription.eventTypes.join(', ')}: store the secret now, it cannot be shown again`);
      });
    });

  hooks
    .command('list')
    .description('subscriptions (never their secrets)')
    .option('--json', 'print JSON')
    .option(db, dbHelp)
    .action(async (opts: Common) => {
      await withCasesContext(opts, async (ctx) =>
        print(opts.json, await listPublicSubscriptions(ctx), (subs) =>
          subs.map((s) => `${s.id}  ${s.disabledAt ? 'disabled' : 'live    '}  ${s.eventTypes.join(',')}  ${s.url}`),
        ),
      );
    });

  hooks
    .command('dead-letters')
    .description('deliveries that used up their attempts')
    .option('--limit <n>', 'how many', '100')
    .option('--json', 'print JSON')
    .option(db, dbHelp)
    .action(async (opts: Common & { limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be an integer from 1 to 1000');
      await withCasesContext(opts, async (ctx) =>
        print(opts.json, (await listDeadLetters(ctx, limit)).map(({ body: _b, ...d }) => d), (list) =>
          list.map((d) => `${d.id}  ${d.eventType}  attempts:${d.attempts}  last:${d.lastError ?? d.lastStatus ?? '-'}`),
        ),
      );
    });

  hooks
    .command('replay <deliveryId>')
    .description('queue a dead delivery again (the running server sends it)')
    .option(db, dbHelp)
    .action(async (id: string, opts: Common) => {
      await withCasesContext(opts, async (ctx) => {
        const d = await replayDeadLetter(ctx, id, cliActor());
        console.log(`${d.id} queued again`);
      });
    });

  hooks
    .command('source <name>')
    .description('register or rotate an inbound source; prints its secret once')
    .option(db, dbHelp)
    .action(async (name: string, opts: Common) => {
      await withCasesContext(opts, async (ctx) => console.log((await setInboundSource(ctx, name, cliActor())).secret));
    });
}

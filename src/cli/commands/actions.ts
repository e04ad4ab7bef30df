import type { Command } from 'commander';
import {
  actionKinds,
  actionStates,
  approveAction,
  listActionViews,
  previewAction,
  proposeAction,
  proposeActionSchema,
  reverseAction,
  targetTypes,
  type ActionPlan,
  type ActionView,
} from '../../cases/index.js';
import { UsageError } from '../cli-error.js';
import type { DbOptions } from '../context.js';
import { cliActor, print, withCasesContext } from './cases-context.js';

interface Common extends DbOptions {
  json?: boolean;
}
interface TargetOpts extends Common {
  kind: string;
  confirmHub?: string[];
}

function planLines(p: ActionPlan): string[] {
  return [
    `${p.kind} on ${p.targetType} ${p.targetId}${p.caseId ? ` (case ${p.caseId})` : ''}: ${p.accounts.length} account(s)`,
    ...p.entries.map((e) => `  ${e.included ? 'ban ' : 'SKIP'} ${e.kind.padEnd(13)} ${e.value}  outside:${e.outsideAccounts}${e.hub ? `  hub: ${e.hub}` : ''}`),
    `other accounts sharing these values: ${p.collateralTotal}`,
    ...p.collateral.map((c) => `  ${c.affected ? 'AFFECTED' : 'spared  '} ${c.account} verdict:${c.verdict ?? 'none'} via ${c.shares.map((s) => `${s.kind}:${s.value}`).join(', ')}`),
    ...p.warnings.map((w) => `warning: ${w}`),
  ];
}

const actionLine = (a: ActionView) =>
  `${a.id}  ${a.state.padEnd(9)} ${a.kind.padEnd(11)} ${a.targetType}:${a.targetId}  by ${a.proposedBy}${a.decidedBy ? ` / ${a.decidedBy}` : ''}${a.executeAt ? `  at ${a.executeAt}` : ''}`;

function target(type: string, id: string, opts: TargetOpts) {
  if (!(targetTypes as readonly string[]).includes(type)) throw new UsageError(`target type must be one of ${targetTypes.join(', ')}`);
  if (!(actionKinds as readonly string[]).includes(opts.kind)) throw new UsageError(`--kind must be one of ${actionKinds.join(', ')}`);
  const hubs = opts.confirmHub ?? [];
  return {
    targetType: type as (typeof targetTypes)[number],
    targetId: id,
    kind: opts.kind as (typeof actionKinds)[number],
    ...(hubs.length ? { confirmHubs: hubs.includes('all') ? ('all' as const) : hubs } : {}),
  };
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `warden actions preview|propose|approve|reverse|list`: enforcement from a terminal. */
export function registerActions(program: Command): void {
  const actions = program.command('actions').description('Enforcement actions: preview the blast radius, propose, approve, reverse');
  const db = '--db <path>';
  const dbHelp = 'an embedded SQLite file instead of the configured database';

  actions
    .command('preview <targetType> <targetId>')
    .description('which accounts and values an action would touch, and who else uses them')
    .requiredOption('--kind <kind>', actionKinds.join(', '))
    .option('--confirm-hub <kind:value>', 'ban this hub value anyway (repeatable; "all" for every hub)', collect)
    .option('--json', 'print JSON')
    .option(db, dbHelp)
    .action(async (type: string, id: string, opts: TargetOpts) => {
      const t = target(type, id, opts);
      await withCasesContext(opts, async (ctx) => print(opts.json, await previewAction(ctx, t), planLines));
    });

  actions
    .command('propose <targetType> <targetId>')
    .description('propose an action for a lead to approve')
    .requiredOption('--kind <kind>', actionKinds.join(', '))
    .requiredOption('--reason <text>')
    .option('--execute-at <time>', 'RFC 3339: run no earlier than this')
    .option('--duration <seconds>', 'how long it lasts once executed')
    .option('--idempotency-key <key>')
    .option('--confirm-hub <kind:value>', 'ban this hub value anyway (repeatable; "all" for every hub)', collect)
    .option('--json', 'print JSON')
    .option(db, dbHelp)
    .action(async (type: string, id: string, opts: TargetOpts & { reason: string; executeAt?: string; duration?: string; idempotencyKey?: string }) => {
      const parsed = proposeActionSchema.safeParse({
        ...target(type, id, opts),
        reason: opts.reason,
        ...(opts.executeAt ? { executeAt: opts.executeAt } : {}),
        ...(opts.duration ? { durationMs: Number(opts.duration) * 1000 } : {}),
        ...(opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {}),
      });
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
      await withCasesContext(opts, async (ctx) => {
        const { action, created } = await proposeAction(ctx, parsed.data, cliActor());
        print(opts.json, action, (a) => [`${created ? 'proposed' : 'already open'}: ${actionLine(a)}`, ...planLines(a.plan)]);
      });
    });

  actions
    .command('approve <id>')
    .description('approve a proposed action (executes now unless delayed)')
    .option('--json', 'print JSON')
    .option(db, dbHelp)
    .action(async (id: string, opts: Common) => {
      await withCasesContext(opts, async (ctx) => print(opts.json, await approveAction(ctx, id, cliActor()), (a) => [actionLine(a)]));
    });

  actions
    .command('reverse <id>')
    .description('reverse an action: revoke its block entries and reinstate its accounts')
    .requiredOption('--reason <text>')
    .option('--json', 'print JSON')
    .option(db, dbHelp)
    .action(async (id: string, opts: Common & { reason: string }) => {
      await withCasesContext(opts, async (ctx) => print(opts.json, await reverseAction(ctx, id, cliActor(), opts.reason), (a) => [actionLine(a)]));
    });

  actions
    .command('list')
    .description('actions, newest first')
    .option('--state <state>', actionStates.join(', '))
    .option('--case <id>')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .option(db, dbHelp)
    .action(async (opts: Common & { state?: string; case?: string; limit: string }) => {
      if (opts.state && !(actionStates as readonly string[]).includes(opts.state)) throw new UsageError(`--state must be one of ${actionStates.join(', ')}`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be an integer from 1 to 500');
      await withCasesContext(opts, async (ctx) => {
        const r = await listActionViews(ctx, { limit, ...(opts.state ? { state: opts.state } : {}), ...(opts.case ? { caseId: opts.case } : {}) });
        print(opts.json, r, (v) => v.actions.map(actionLine));
      });
    });
}

import type { Command } from 'commander';
import { caseStates, caseUpdateSchema, getCaseDetail, listCaseViews, updateCase } from '../../cases/index.js';
import { UsageError } from '../cli-error.js';
import type { DbOptions } from '../context.js';
import { cliActor, print, withCasesContext } from './cases-context.js';

interface Common extends DbOptions {
  json?: boolean;
}

/** `warden cases list|show|update`: the case workflow from a terminal. */
export function registerCases(program: Command): void {
  const cases = program.command('cases').description('Cases opened from detections: list, show, update');

  cases
    .command('list')
    .description('list cases, newest first')
    .option('--state <state>', `one of ${caseStates.join(', ')}`)
    .option('--assignee <name>')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: Common & { state?: string; assignee?: string; limit: string }) => {
      if (opts.state && !(caseStates as readonly string[]).includes(opts.state)) throw new UsageError(`--state must be one of ${caseStates.join(', ')}`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be an integer from 1 to 500');
      await withCasesContext(opts, async (ctx) => {
        const r = await listCaseViews(ctx, { limit, ...(opts.state ? { state: opts.state } : {}), ...(opts.assignee ? { assignee: opts.assignee } : {}) });
        print(opts.json, r, (v) => v.cases.map((c) => `${c.id}  v${c.version}  ${c.state.padEnd(13)} ${c.priority.padEnd(8)} ${c.assignee ?? '-'}  ${c.title}`));
      });
    });

  cases
    .command('show <id>')
    .description('a case with its evidence references and timeline')
    .option('--json', 'print JSON (with the full evidence snapshot)')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (id: string, opts: Common) => {
      await withCasesContext(opts, async (ctx) => {
        const d = await getCaseDetail(ctx, id);
        print(opts.json, d, (v) => [
          `${v.case.id} (version ${v.case.version}): ${v.case.title}`,
          `state ${v.case.state}, priority ${v.case.priority}, assignee ${v.case.assignee ?? '-'}, disposition ${v.case.disposition ?? '-'}`,
          `accounts: ${v.case.accounts.join(', ')}`,
          `actor: ${v.case.actor ? `${v.case.actor.name} (${v.case.actor.level}, ${v.case.actor.confidence})` : '-'}`,
          `rules: ${v.snapshot.refs.rules.join(', ')}`,
          `indicators: ${v.snapshot.refs.indicators.length}, events: ${v.snapshot.refs.events.length}, links: ${v.snapshot.refs.links.length}, ttps: ${v.snapshot.refs.ttps.join(', ')}`,
          ...v.notes.map((n) => `  ${new Date(n.at).toISOString()}  ${n.kind.padEnd(7)} ${n.author}: ${n.body}`),
        ]);
      });
    });

  cases
    .command('update <id>')
    .description('change a case; --expect-version is the version you read (a stale one is refused)')
    .requiredOption('--expect-version <n>', 'the case version you read (optimistic concurrency)')
    .option('--state <state>')
    .option('--assignee <name>', 'assignee ("" to clear)')
    .option('--priority <p>', 'low, medium, high or critical')
    .option('--tags <list>', 'comma-separated tags (replaces them)')
    .option('--due <time>', 'RFC 3339 due date ("" to clear)')
    .option('--disposition <d>', 'true-positive, false-positive, benign-but-suspicious or duplicate')
    .option('--note <text>')
    .option('--json', 'print JSON')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(
      async (
        id: string,
        opts: Common & { expectVersion: string; state?: string; assignee?: string; priority?: string; tags?: string; due?: string; disposition?: string; note?: string },
      ) => {
        const raw = {
          version: Number(opts.expectVersion),
          ...(opts.state !== undefined ? { state: opts.state } : {}),
          ...(opts.assignee !== undefined ? { assignee: opts.assignee === '' ? null : opts.assignee } : {}),
          ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
          ...(opts.tags !== undefined ? { tags: opts.tags.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
          ...(opts.due !== undefined ? { dueAt: opts.due === '' ? null : opts.due } : {}),
          ...(opts.disposition !== undefined ? { disposition: opts.disposition } : {}),
          ...(opts.note !== undefined ? { note: opts.note } : {}),
        };
        const parsed = caseUpdateSchema.safeParse(raw);
        if (!parsed.success || parsed.data.version === undefined)
          throw new UsageError(`bad update: ${parsed.success ? '--expect-version must be a positive integer' : parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        const version = parsed.data.version;
        await withCasesContext(opts, async (ctx) => {
          const view = await updateCase(ctx, id, { ...parsed.data, version }, cliActor());
          print(opts.json, view, (v) => [`${v.id} now version ${v.version}: ${v.state}, ${v.priority}, ${v.assignee ?? '-'}, ${v.disposition ?? '-'}`]);
        });
      },
    );
}

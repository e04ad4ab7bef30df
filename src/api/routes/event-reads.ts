import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import { parseJsonSafely } from '../../events/index.js';
import { emptyCounts, mapEventText, maskText, type MaskCounts } from '../../privacy/index.js';
import { findEventById, listEventsOfAccount, pageEventsOfAccount, type AccountEventsCursor, type StoredEvent } from '../../store/index.js';
import { principalOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { roleAllows } from '../permissions.js';
import { parseOrThrow } from './parse.js';

const revealQuery = z.object({
  reveal: z.enum(['true', 'false']).default('false'),
  reason: z.string().trim().max(1000).optional(),
});
const accountQuery = revealQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  order: z.enum(['asc', 'desc']).default('asc'),
  cursor: z
    .string()
    .regex(/^\d{1,16}\.\d{1,16}$/, 'a cursor is the `nextCursor` of the previous page')
    .optional(),
});

const encodeCursor = (c: AccountEventsCursor): string => `${c.timeMs}.${c.seq}`;
function decodeCursor(text: string): AccountEventsCursor {
  const [timeMs, seq] = text.split('.').map(Number) as [number, number];
  return { timeMs, seq };
}
const minReasonLength = 10;

interface ShownEvent {
  seq: number;
  receivedAt: string;
  event: unknown;
}

function show(e: StoredEvent, reveal: boolean, counts: MaskCounts): ShownEvent {
  const parsed = parseJsonSafely(e.raw);
  return { seq: e.seq, receivedAt: new Date(e.receivedAt).toISOString(), event: reveal ? parsed : mapEventText(parsed, (t) => maskText(t, counts)) };
}

/**
 * Decides whether raw text may be shown: `prompts:reveal`, a stated reason, an open case on
 * the account, and an audit log that takes the record first. Anything missing refuses.
 */
async function allowReveal(deps: AppDeps, req: FastifyRequest, account: string, reason: string | undefined, eventIds: string[]): Promise<void> {
  const who = principalOf(req);
  if (!roleAllows(who.role, 'prompts:reveal')) {
    throw new AppError('FORBIDDEN', `Revealing prompt text needs the \`prompts:reveal\` permission, which the role \`${who.role}\` lacks.`, {
      details: { permission: 'prompts:reveal', role: who.role },
    });
  }
  if (reason === undefined || reason.length < minReasonLength) {
    throw new AppError('PRIVACY_REVEAL_REFUSED', `State why you need the raw text: \`reason\` of at least ${minReasonLength} characters (it goes to the audit log).`);
  }
  if (!deps.cases) throw new AppError('PRIVACY_REVEAL_REFUSED', 'Raw prompt text can only be revealed on an account under an open case, and case management is not running in this process.');
  if (!(await deps.cases.isAccountUnderOpenCase(account))) {
    throw new AppError('PRIVACY_REVEAL_REFUSED', `Account ${account} has no open case; open one before revealing its prompts.`, { details: { account } });
  }
  if (!deps.audit) throw new AppError('PRIVACY_REVEAL_REFUSED', 'The audit log is not available, and a reveal must be audited.');
  await deps.audit.record({ at: deps.now(), actor: who.actor, action: 'prompt.revealed', target: { type: 'account', id: account }, reason, details: { events: eventIds.slice(0, 1000), count: eventIds.length } });
}

/**
 * Reads of stored events. Prompt and response text is masked (emails, phones, cards, keys);
 * `?reveal=true&reason=…` returns it raw, under the rules of `allowReveal`.
 */
export function registerEventReads(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string } }>(
    '/api/v1/events/:id',
    { config: { permission: 'events:read' }, schema: { summary: 'One stored event; prompt text masked unless revealed (`reveal`, `reason`)', tags: ['events'] } },
    async (req: FastifyRequest<{ Params: { id: string } }>) => {
      const q = parseOrThrow(revealQuery, req.query, 'query');
      if (req.params.id.length > 128) throw new AppError('VALIDATION_FAILED', 'Event ids are at most 128 characters.');
      const stored = await findEventById(deps.database.db, req.params.id);
      if (!stored) throw new AppError('NOT_FOUND', `No event ${req.params.id}.`);
      const reveal = q.reveal === 'true';
      if (reveal) await allowReveal(deps, req, stored.account, q.reason, [stored.id]);
      const counts = emptyCounts();
      return { ...show(stored, reveal, counts), masked: reveal ? null : counts };
    },
  );

  app.get<{ Params: { account: string } }>(
    '/api/v1/accounts/:account/events',
    {
      config: { permission: 'events:read' },
      schema: {
        summary: "An account's events: the first `limit` in time order, or with `order=desc` newest first in pages (pass `nextCursor` back as `cursor`); prompt text masked unless revealed",
        tags: ['events'],
      },
    },
    async (req) => {
      const q = parseOrThrow(accountQuery, req.query, 'query');
      if (req.params.account.length > 128) throw new AppError('VALIDATION_FAILED', 'Account ids are at most 128 characters.');
      if (q.cursor !== undefined && q.order !== 'desc') throw new AppError('VALIDATION_FAILED', '`cursor` pages newest first: add `order=desc`.');
      const newestFirst = q.order === 'desc';
      const events = newestFirst
        ? await pageEventsOfAccount(deps.database.db, req.params.account, q.limit, q.cursor === undefined ? undefined : decodeCursor(q.cursor))
        : await listEventsOfAccount(deps.database.db, req.params.account, q.limit);
      const reveal = q.reveal === 'true';
      if (reveal) await allowReveal(deps, req, req.params.account, q.reason, events.map((e) => e.id));
      const counts = emptyCounts();
      const last = events[events.length - 1];
      const nextCursor = newestFirst && last && events.length === q.limit ? encodeCursor(last) : null;
      return { account: req.params.account, events: events.map((e) => show(e, reveal, counts)), masked: reveal ? null : counts, nextCursor };
    },
  );
}

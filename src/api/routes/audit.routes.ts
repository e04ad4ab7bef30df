import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { toExportLine, verifyAuditChain } from '../../audit/index.js';
import { listAuditRowsAfter } from '../../store/index.js';
import type { AppDeps } from '../deps.js';
import { parseOrThrow } from './parse.js';

const query = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  since: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(200).optional(),
});

/**
 * The audit log, for leads and admins: entries in seq order with a cursor (`after` = the last
 * seq seen), and a verification of the whole chain.
 */
export function auditRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    app.get(
      '/api/v1/audit',
      { config: { permission: 'audit:read' }, schema: { summary: 'Audit log entries in order (cursor: `after`)', tags: ['audit'] } },
      async (req) => {
        const q = parseOrThrow(query, req.query, 'query');
        const rows = await listAuditRowsAfter(deps.database.db, q.after, q.limit, {
          ...(q.since !== undefined ? { sinceAt: Date.parse(q.since) } : {}),
          ...(q.actor !== undefined ? { actor: q.actor } : {}),
          ...(q.action !== undefined ? { action: q.action } : {}),
        });
        const last = rows[rows.length - 1];
        return { entries: rows.map(toExportLine), ...(rows.length === q.limit && last ? { next: last.seq } : {}) };
      },
    );

    app.get(
      '/api/v1/audit/verify',
      { config: { permission: 'audit:read' }, schema: { summary: 'Verify the whole hash chain; names the first bad entry', tags: ['audit'] } },
      async () => verifyAuditChain(deps.database),
    );
    return Promise.resolve();
  };
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { blockKinds, Blocklist, type BlockEntry } from '../../enforcement/index.js';
import { listActiveBlockEntries } from '../../store/index.js';
import { requirePermission } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { errorSchema, jsonSchema, parse, useZodValidation } from './cases.route-helpers.js';

const checkQuery = z.object({ kind: z.enum(blockKinds), value: z.string().min(1).max(512) });
const entrySchema = z.looseObject({ id: z.string(), kind: z.string(), value: z.string(), effect: z.string() });

/**
 * The blocklist as the store holds it (the source of truth every gateway loads and then follows
 * on the enforcement bus), and a check of one value against it.
 */
export function blocklistRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    useZodValidation(app);
    const tags = ['blocklist'];
    const active = async (): Promise<BlockEntry[]> =>
      (await listActiveBlockEntries(deps.database.db, deps.now())).map((e) => ({
        ...e,
        kind: e.kind as BlockEntry['kind'],
        effect: e.effect as BlockEntry['effect'],
      }));

    app.get(
      '/api/v1/blocklist',
      {
        preHandler: requirePermission(deps, 'cases:read'),
        schema: { summary: 'Active block entries (neither revoked nor expired)', tags, response: { 200: jsonSchema(z.object({ entries: z.array(entrySchema) })), '4xx': errorSchema } },
      },
      async () => ({ entries: await active() }),
    );

    app.get(
      '/api/v1/blocklist/check',
      {
        preHandler: requirePermission(deps, 'cases:read'),
        schema: {
          summary: 'Which active entries match a value (an IP also matches banned ranges)',
          tags,
          querystring: jsonSchema(checkQuery, 'input'),
          response: { 200: jsonSchema(z.object({ matches: z.array(entrySchema) })), '4xx': errorSchema },
        },
      },
      async (req) => {
        const q = parse(checkQuery, req.query, 'query');
        const now = deps.now();
        // This process's copy when it has one (what its gateway enforces), else the store's.
        const list = deps.enforcement?.blocklist ?? new Blocklist(await active());
        return { matches: list.match([{ kind: q.kind, value: q.value }], now).map((h) => h.entry) };
      },
    );
    return Promise.resolve();
  };
}

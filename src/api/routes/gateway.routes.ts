import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import { createGatewayKey, listGatewayKeys, revokeGatewayKey } from '../../store/index.js';
import { requirePermission } from '../auth.js';
import type { AppDeps } from '../deps.js';

/** True for text with C0 controls or DEL, which would let a value forge log lines or headers. */
function hasControl(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

const ident = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine((v) => !hasControl(v), { error: 'must not contain control characters' });
const createBody = z.strictObject({ account: ident, org: ident.optional(), name: ident });
const keySchema = z.object({
  id: z.string(),
  account: z.string(),
  org: z.string().nullable(),
  name: z.string(),
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
});
const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
const json = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-7' });

/**
 * Administration of the gateway: its keys (each maps a bearer secret to a provider account and
 * org; shown once, stored hashed, revoked at once) and a configuration reload that keeps
 * connections open. Every route needs `users:admin`.
 */
export function gatewayRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    const admin = { preHandler: requirePermission(deps, 'users:admin') };
    const refresh = async () => {
      // Embedded: this process's gateway sees the change now; other replicas within one poll.
      await deps.gateway
        ?.refreshKeys()
        .catch((err: unknown) => deps.logger.warn({ err }, 'gateway keys refresh after a change failed'));
    };

    app.get(
      '/api/v1/gateway/keys',
      {
        ...admin,
        schema: { summary: 'List gateway keys (never their secrets)', tags: ['gateway'], response: { 200: json(z.object({ keys: z.array(keySchema) })), '4xx': json(errorSchema) } },
      },
      async () => ({
        keys: await listGatewayKeys(deps.database.db),
      }),
    );

    app.post(
      '/api/v1/gateway/keys',
      {
        ...admin,
        schema: {
          summary: 'Create a gateway key (the secret is shown once)',
          tags: ['gateway'],
          response: { 201: json(z.object({ key: keySchema, secret: z.string() })), '4xx': json(errorSchema) },
        },
      },
      async (req, reply) => {
        const parsed = createBody.safeParse(req.body);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({
            path: i.path.join('.') || '$',
            message: i.message,
          }));
          throw new AppError(
            'VALIDATION_FAILED',
            `Invalid body: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
            { details: { issues } },
          );
        }
        const created = await createGatewayKey(deps.database.db, parsed.data, deps.now());
        await refresh();
        req.log.info({ keyId: created.key.id, account: created.key.account }, 'gateway key created');
        return reply.code(201).send(created);
      },
    );

    app.delete<{ Params: { id: string } }>(
      '/api/v1/gateway/keys/:id',
      {
        ...admin,
        schema: { summary: 'Revoke a gateway key', tags: ['gateway'], response: { 200: json(z.object({ revoked: z.string() })), '4xx': json(errorSchema) } },
      },
      async (req) => {
        if (!(await revokeGatewayKey(deps.database.db, req.params.id, deps.now()))) {
          throw new AppError('NOT_FOUND', `No live gateway key with id ${req.params.id}.`);
        }
        await refresh();
        req.log.info({ keyId: req.params.id }, 'gateway key revoked');
        return { revoked: req.params.id };
      },
    );

    app.post(
      '/api/v1/gateway/reload',
      {
        ...admin,
        schema: { summary: 'Reload the gateway policy file', tags: ['gateway'], response: { 200: json(z.object({ reloaded: z.boolean() })), '4xx': json(errorSchema) } },
      },
      () => {
        if (!deps.gateway)
          throw new AppError(
            'NOT_FOUND',
            'No gateway runs in this process; send SIGHUP to the `warden gateway` process instead.',
          );
        const r = deps.gateway.reload();
        if (!r.ok) throw new AppError('GATEWAY_CONFIG_INVALID', r.error, { expose: true });
        return { reloaded: true };
      },
    );
    return Promise.resolve();
  };
}

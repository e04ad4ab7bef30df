import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  addWebhookSubscription,
  fileAppeal,
  listDeadLetters,
  listPublicSubscriptions,
  replayDeadLetter,
  setInboundSource,
  verifyInbound,
  webhookEventTypes,
} from '../../cases/index.js';
import { AppError } from '../../errors/index.js';
import { ingestValues } from '../../ingest/index.js';
import { requirePermission } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { actorOf, casesContextOf, errorSchema, jsonSchema, parse, useZodValidation } from './cases.route-helpers.js';

const subscribeBody = z
  .object({
    url: z.string().min(1).max(2000),
    eventTypes: z.array(z.string().min(1).max(64)).min(1).max(webhookEventTypes.length + 1),
    secret: z.string().min(16).max(256).optional(),
  })
  .strict();
const sourceParams = z.object({ source: z.string().min(1).max(64) });
const sourceBody = z.object({ secret: z.string().min(16).max(256).optional() }).strict();
const idParams = z.object({ id: z.string().min(1).max(300) });
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
const anyObject = z.looseObject({});

/** Largest inbound webhook body: appeals and enforcement notices are small. */
const INBOUND_LIMIT = 64 * 1024;

/**
 * Webhooks: subscriptions and the dead-letter list (admins), and the inbound endpoint where the
 * provider reports appeals and its own enforcement, authenticated by the signature scheme of
 * docs/webhooks.md rather than an API key.
 */
export function webhooksRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    useZodValidation(app);
    const ctx = casesContextOf(deps);
    const tags = ['webhooks'];

    app.post(
      '/api/v1/webhooks',
      {
        preHandler: requirePermission(deps, 'webhooks:admin'),
        schema: { summary: 'Subscribe a URL to event types; the signing secret is returned once', tags, body: jsonSchema(subscribeBody, 'input'), response: { 201: jsonSchema(anyObject), '4xx': errorSchema } },
      },
      async (req, reply) => reply.status(201).send(await addWebhookSubscription(ctx, parse(subscribeBody, req.body, 'body'), actorOf(req))),
    );

    app.get(
      '/api/v1/webhooks',
      { preHandler: requirePermission(deps, 'webhooks:admin'), schema: { summary: 'List subscriptions (never their secrets)', tags, response: { 200: jsonSchema(anyObject), '4xx': errorSchema } } },
      async () => ({ subscriptions: await listPublicSubscriptions(ctx) }),
    );

    app.get(
      '/api/v1/webhooks/dead-letters',
      {
        preHandler: requirePermission(deps, 'webhooks:admin'),
        schema: { summary: 'Deliveries that used up their attempts', tags, querystring: jsonSchema(limitQuery, 'input'), response: { 200: jsonSchema(anyObject), '4xx': errorSchema } },
      },
      async (req) => ({ deliveries: (await listDeadLetters(ctx, parse(limitQuery, req.query, 'query').limit)).map(({ body: _b, ...d }) => d) }),
    );

    app.post(
      '/api/v1/webhooks/dead-letters/:id/replay',
      {
        preHandler: requirePermission(deps, 'webhooks:admin'),
        schema: { summary: 'Queue a dead delivery again with a fresh attempt budget', tags, params: jsonSchema(idParams, 'input'), response: { 200: jsonSchema(anyObject), '4xx': errorSchema } },
      },
      async (req) => {
        const { body: _b, ...d } = await replayDeadLetter(ctx, parse(idParams, req.params, 'path').id, actorOf(req));
        return d;
      },
    );

    app.put(
      '/api/v1/webhooks/sources/:source',
      {
        preHandler: requirePermission(deps, 'webhooks:admin'),
        schema: {
          summary: 'Register or rotate the shared secret of an inbound source; returned once',
          tags,
          params: jsonSchema(sourceParams, 'input'),
          body: jsonSchema(sourceBody, 'input'),
          response: { 200: jsonSchema(z.object({ name: z.string(), secret: z.string() })), '4xx': errorSchema },
        },
      },
      async (req) => setInboundSource(ctx, parse(sourceParams, req.params, 'path').source, actorOf(req), parse(sourceBody, req.body, 'body').secret),
    );

    // The inbound route needs the raw bytes: the signature covers them, not a re-serialisation.
    await app.register((inner: FastifyInstance) => {
      inner.removeContentTypeParser('application/json');
      inner.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: INBOUND_LIMIT }, (_r, body, done) => done(null, body));
      inner.post(
        '/api/v1/webhooks/inbound/:source',
        {
          // Authenticated by the HMAC signature (docs/webhooks.md), not by an API key.
          config: { auth: 'webhook-signature', permission: 'public' },
          schema: {
            summary: 'Inbound events from the provider (appeals, its own enforcement), signed with Warden-Signature',
            tags,
            params: jsonSchema(sourceParams, 'input'),
            response: { 200: jsonSchema(z.object({ id: z.string(), duplicate: z.boolean(), result: z.string() })), '4xx': errorSchema },
          },
        },
        async (req) => {
          const { source } = parse(sourceParams, req.params, 'path');
          if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the event as application/json.');
          const sig = req.headers['warden-signature'];
          const { event, duplicate } = await verifyInbound(ctx, source, typeof sig === 'string' ? sig : undefined, req.body);
          const by = `webhook:${source}`;
          if (duplicate) return { id: event.id, duplicate: true, result: 'already applied' };
          if (event.type === 'appeal') {
            const c = await fileAppeal(ctx, event.data, by);
            return { id: event.id, duplicate: false, result: `case ${c.id} ${c.state}` };
          }
          const d = event.data;
          const counts = await ingestValues(
            { database: deps.database, now: deps.now, ...(deps.onEventsCommitted ? { onCommitted: deps.onEventsCommitted } : {}) },
            [
              {
                id: `${source}:${event.id}`,
                time: d.time ?? new Date(deps.now()).toISOString(),
                kind: 'account.enforced',
                account: d.account,
                enforcement: { action: d.action, ...(d.reason ? { reason: d.reason } : {}) },
              },
            ],
            {},
          );
          return { id: event.id, duplicate: false, result: counts.accepted === 1 ? 'enforcement recorded' : 'enforcement already recorded' };
        },
      );
      return Promise.resolve();
    });
  };
}

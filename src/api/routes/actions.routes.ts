import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  actionStates,
  actionTargetSchema,
  approveAction,
  getActionOrThrow,
  actionView,
  listActionViews,
  previewAction,
  proposeAction,
  proposeActionSchema,
  rejectAction,
  reverseAction,
} from '../../cases/index.js';
import { requirePermission } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { actorOf, casesContextOf, errorSchema, jsonSchema, pageQuery, parse, useZodValidation } from './cases.route-helpers.js';

const idParams = z.object({ id: z.string().min(1).max(128) });
const listQuery = pageQuery.extend({ state: z.enum(actionStates).optional(), caseId: z.string().min(1).max(128).optional() });
const reasonBody = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
const optionalReasonBody = z.object({ reason: z.string().trim().min(1).max(2000).optional() }).strict();
const anyObject = z.looseObject({});

/**
 * Enforcement actions: preview the blast radius, propose (analyst), approve or reject (lead),
 * reverse. Approval executes at once unless the action is delayed; the scheduler runs delayed ones.
 */
export function actionsRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    useZodValidation(app);
    const ctx = casesContextOf(deps);
    const tags = ['actions'];
    const actionResponse = { 200: jsonSchema(anyObject), 201: jsonSchema(anyObject), '4xx': errorSchema };

    app.post(
      '/api/v1/actions/preview',
      {
        preHandler: requirePermission(deps, 'actions:propose'),
        schema: {
          summary: 'Blast radius: exactly which accounts and values an action would touch, honest users who share them, and hubs',
          tags,
          body: jsonSchema(actionTargetSchema, 'input'),
          response: { 200: jsonSchema(anyObject), '4xx': errorSchema },
        },
      },
      async (req) => previewAction(ctx, parse(actionTargetSchema, req.body, 'body')),
    );

    app.post(
      '/api/v1/actions',
      {
        preHandler: requirePermission(deps, 'actions:propose'),
        schema: {
          summary: 'Propose an action (idempotent: same key or same open action returns it, 200 instead of 201)',
          tags,
          body: jsonSchema(proposeActionSchema, 'input'),
          response: actionResponse,
        },
      },
      async (req, reply) => {
        const body = parse(proposeActionSchema, req.body, 'body');
        const headerKey = req.headers['idempotency-key'];
        const key = typeof headerKey === 'string' && headerKey.trim() ? headerKey.trim().slice(0, 200) : body.idempotencyKey;
        const { action, created } = await proposeAction(ctx, { ...body, ...(key ? { idempotencyKey: key } : {}) }, actorOf(req));
        return reply.status(created ? 201 : 200).send(action);
      },
    );

    app.get(
      '/api/v1/actions',
      {
        preHandler: requirePermission(deps, 'cases:read'),
        schema: { summary: 'List actions, newest first', tags, querystring: jsonSchema(listQuery, 'input'), response: { 200: jsonSchema(anyObject), '4xx': errorSchema } },
      },
      async (req) => {
        const q = parse(listQuery, req.query, 'query');
        return listActionViews(ctx, {
          limit: q.limit,
          ...(q.before !== undefined ? { before: q.before } : {}),
          ...(q.state ? { state: q.state } : {}),
          ...(q.caseId ? { caseId: q.caseId } : {}),
        });
      },
    );

    app.get(
      '/api/v1/actions/:id',
      {
        preHandler: requirePermission(deps, 'cases:read'),
        schema: { summary: 'One action with its stored blast radius', tags, params: jsonSchema(idParams, 'input'), response: { 200: jsonSchema(anyObject), '4xx': errorSchema } },
      },
      async (req) => actionView(await getActionOrThrow(ctx, parse(idParams, req.params, 'path').id)),
    );

    app.post(
      '/api/v1/actions/:id/approve',
      {
        preHandler: requirePermission(deps, 'actions:execute'),
        schema: {
          summary: 'Approve a proposed action (a lead); executes now unless delayed',
          tags,
          params: jsonSchema(idParams, 'input'),
          response: { 200: jsonSchema(anyObject), '4xx': errorSchema },
        },
      },
      async (req) => {
        parse(optionalReasonBody, req.body, 'body');
        return approveAction(ctx, parse(idParams, req.params, 'path').id, actorOf(req));
      },
    );

    app.post(
      '/api/v1/actions/:id/reject',
      {
        preHandler: requirePermission(deps, 'actions:execute'),
        schema: { summary: 'Reject a proposed action', tags, params: jsonSchema(idParams, 'input'), body: jsonSchema(reasonBody, 'input'), response: { 200: jsonSchema(anyObject), '4xx': errorSchema } },
      },
      async (req) => rejectAction(ctx, parse(idParams, req.params, 'path').id, actorOf(req), parse(reasonBody, req.body, 'body').reason),
    );

    app.post(
      '/api/v1/actions/:id/reverse',
      {
        preHandler: requirePermission(deps, 'actions:execute'),
        schema: {
          summary: 'Reverse an action: revoke its block entries everywhere, reinstate its accounts (a reason is required)',
          tags,
          params: jsonSchema(idParams, 'input'),
          body: jsonSchema(reasonBody, 'input'),
          response: { 200: jsonSchema(anyObject), '4xx': errorSchema },
        },
      },
      async (req) => reverseAction(ctx, parse(idParams, req.params, 'path').id, actorOf(req), parse(reasonBody, req.body, 'body').reason),
    );
    return Promise.resolve();
  };
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  caseStates,
  caseUpdateSchema,
  caseViewSchema,
  dispositions,
  fileAppeal,
  getCaseDetail,
  listCaseViews,
  measurePrecision,
  syncCasesFromReport,
  updateCase,
} from '../../cases/index.js';
import { AppError } from '../../errors/index.js';
import { requirePermission } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { actorOf, casesContextOf, errorSchema, jsonSchema, pageQuery, parse, useZodValidation } from './cases.route-helpers.js';

const idParams = z.object({ id: z.string().min(1).max(128) });
const listQuery = pageQuery.extend({
  state: z.enum(caseStates).optional(),
  assignee: z.string().min(1).max(200).optional(),
  disposition: z.enum(dispositions).optional(),
});
const appealBody = z
  .object({ account: z.string().trim().min(1).max(128), statement: z.string().trim().min(1).max(20_000), caseId: z.string().min(1).max(128).optional() })
  .strict();
const noteSchema = z.object({ seq: z.number(), caseId: z.string(), kind: z.string(), author: z.string(), body: z.string(), at: z.number() });
const precisionRow = z.object({ rule: z.string(), truePositives: z.number(), falsePositives: z.number(), precision: z.number().nullable() });

/**
 * The version an update is based on: `If-Match` (RFC 9110 §13.1.1; a strong or weak entity tag
 * holding the version, as `ETag` gives it) or the body's `version`. Both given must agree.
 */
function versionOf(ifMatch: string | undefined, body: number | undefined): number {
  let header: number | undefined;
  if (ifMatch !== undefined) {
    const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
    if (!m) throw new AppError('BAD_REQUEST', 'If-Match must hold the case version as its ETag gives it, e.g. If-Match: "3".');
    header = Number(m[1]);
  }
  if (header !== undefined && body !== undefined && header !== body)
    throw new AppError('BAD_REQUEST', `If-Match says version ${header} but the body says ${body}; send one.`);
  const v = header ?? body;
  if (v === undefined) throw new AppError('BAD_REQUEST', 'Send the version you read: If-Match: "<version>" or "version" in the body (optimistic concurrency).');
  return v;
}

/**
 * Cases: detections become cases (synced from the live pipeline), analysts move them through
 * their states with optimistic concurrency, dispositions feed measured precision, appeals reopen.
 */
export function casesRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    useZodValidation(app);
    const ctx = casesContextOf(deps);
    const tags = ['cases'];

    app.get(
      '/api/v1/cases',
      {
        preHandler: requirePermission(deps, 'cases:read'),
        schema: {
          summary: 'List cases, newest first',
          tags,
          querystring: jsonSchema(listQuery, 'input'),
          response: { 200: jsonSchema(z.object({ cases: z.array(caseViewSchema), next: z.number().nullable() })), '4xx': errorSchema },
        },
      },
      async (req) => {
        const q = parse(listQuery, req.query, 'query');
        return listCaseViews(ctx, {
          limit: q.limit,
          ...(q.before !== undefined ? { before: q.before } : {}),
          ...(q.state ? { state: q.state } : {}),
          ...(q.assignee ? { assignee: q.assignee } : {}),
          ...(q.disposition ? { disposition: q.disposition } : {}),
        });
      },
    );

    app.get(
      '/api/v1/cases/:id',
      {
        preHandler: requirePermission(deps, 'cases:read'),
        schema: {
          summary: 'A case with its evidence snapshot and timeline; ETag is its version',
          tags,
          params: jsonSchema(idParams, 'input'),
          response: {
            200: jsonSchema(z.object({ case: caseViewSchema, snapshot: z.unknown(), notes: z.array(noteSchema) })),
            '4xx': errorSchema,
          },
        },
      },
      async (req, reply) => {
        const { id } = parse(idParams, req.params, 'path');
        const detail = await getCaseDetail(ctx, id);
        void reply.header('etag', `"${detail.case.version}"`);
        return detail;
      },
    );

    app.patch(
      '/api/v1/cases/:id',
      {
        preHandler: requirePermission(deps, 'cases:write'),
        schema: {
          summary: 'Update a case (state, assignee, priority, tags, due date, disposition, note); needs If-Match or version',
          tags,
          params: jsonSchema(idParams, 'input'),
          body: jsonSchema(caseUpdateSchema, 'input'),
          response: { 200: jsonSchema(caseViewSchema), '4xx': errorSchema },
        },
      },
      async (req, reply) => {
        const { id } = parse(idParams, req.params, 'path');
        const body = parse(caseUpdateSchema, req.body, 'body');
        const version = versionOf(req.headers['if-match'], body.version);
        const view = await updateCase(ctx, id, { ...body, version }, actorOf(req));
        void reply.header('etag', `"${view.version}"`);
        return view;
      },
    );

    app.post(
      '/api/v1/cases/sync',
      {
        preHandler: requirePermission(deps, 'cases:write'),
        schema: {
          summary: 'Open or update cases from the live pipeline now (the server also does this on its schedule)',
          tags,
          response: { 200: jsonSchema(z.object({ opened: z.array(z.string()), updated: z.array(z.string()), unchanged: z.number() })), '4xx': errorSchema },
        },
      },
      async () => {
        if (!deps.analysis) throw new AppError('NOT_FOUND', 'The live pipeline is not running in this process.');
        return syncCasesFromReport(ctx, deps.analysis.report(new Date(deps.now()).toISOString()));
      },
    );

    app.post(
      '/api/v1/appeals',
      {
        preHandler: requirePermission(deps, 'cases:write'),
        schema: {
          summary: "File an appeal: reopens the case that actioned the account, with the appellant's statement",
          tags: ['cases', 'appeals'],
          body: jsonSchema(appealBody, 'input'),
          response: { 200: jsonSchema(caseViewSchema), '4xx': errorSchema },
        },
      },
      async (req) => {
        const body = parse(appealBody, req.body, 'body');
        return fileAppeal(ctx, body, actorOf(req));
      },
    );

    app.get(
      '/api/v1/detectors/precision',
      {
        preHandler: requirePermission(deps, 'cases:read'),
        schema: {
          summary: 'Measured precision per rule (ruleId@version) and detector, from case dispositions',
          tags: ['cases', 'detectors'],
          response: {
            200: jsonSchema(z.object({ cases: z.number(), judged: z.number(), rules: z.array(precisionRow), detectors: z.array(precisionRow) })),
            '4xx': errorSchema,
          },
        },
      },
      () => measurePrecision(ctx),
    );
    return Promise.resolve();
  };
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CasesContext } from '../../cases/index.js';
import { AppError } from '../../errors/index.js';
import { loadWarninglists, type Warninglists } from '../../intel/index.js';
import type { AppDeps } from '../deps.js';
import { errorResponseSchema } from './events.schema.js';

/** JSON Schema (draft-7) of a zod schema, for route `schema` (OpenAPI and documentation). */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' });
}

export const errorSchema = jsonSchema(errorResponseSchema);

/**
 * Routes of cases, actions, blocklist and webhooks validate with zod in the handler (one error
 * shape, every issue named, `.strict()` refusing unknown fields instead of ajv silently removing
 * them) and serialise with JSON.stringify; their JSON schemas describe the routes for OpenAPI.
 */
export function useZodValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(() => (data: unknown) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

/** Parses a part of a request, or throws VALIDATION_FAILED naming each bad path. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.') || '$', message: i.message }));
  throw new AppError('VALIDATION_FAILED', `Invalid ${where}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`.slice(0, 2000), {
    details: { issues: issues.slice(0, 50) },
  });
}

/** Who is acting, as the audit log names them. */
export function actorOf(req: FastifyRequest): string {
  // The principal access control established (key or console user), else the API key it admitted.
  return req.caller?.actor ?? (req.apiKey ? `key:${req.apiKey.id}` : 'anonymous');
}

let sharedWarninglists: Warninglists | null | undefined;

/** The cases services' context from the API's deps (warninglists loaded once per process). */
export function casesContextOf(deps: AppDeps): CasesContext {
  if (sharedWarninglists === undefined) {
    try {
      sharedWarninglists = loadWarninglists();
    } catch (err) {
      deps.logger.warn({ err }, 'warninglists unavailable: ban previews flag hubs by sharing counts only');
      sharedWarninglists = null;
    }
  }
  return {
    database: deps.database,
    config: deps.config.cases,
    now: deps.now,
    logger: deps.logger,
    ...(deps.audit ? { audit: deps.audit } : {}),
    ...(deps.enforcement ? { enforcement: deps.enforcement } : {}),
    ...(deps.analysis ? { analysis: deps.analysis } : {}),
    ...(deps.intel?.catalogue ? { catalogue: deps.intel.catalogue } : {}),
    ...(sharedWarninglists ? { warninglists: sharedWarninglists } : {}),
    ...(deps.onEventsCommitted ? { onEventsCommitted: deps.onEventsCommitted } : {}),
  };
}

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().min(1).optional(),
});

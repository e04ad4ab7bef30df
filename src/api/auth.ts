import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.js';
import { findApiKeyBySecret, type ApiKey } from '../store/index.js';
import type { AppDeps } from './deps.js';
import { roleAllows, type Permission } from './permissions.js';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: ApiKey;
  }
}

/** RFC 6750 §2.1: `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return m?.[1];
}

/** A preHandler that admits a live Warden API key and records who it is. */
export function requireApiKey(deps: AppDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(req.headers.authorization);
    if (!token) {
      void reply.header('www-authenticate', 'Bearer realm="warden"');
      throw new AppError('UNAUTHENTICATED', 'Send `Authorization: Bearer <key>`; create a key with `warden keys create NAME`.');
    }
    const key = await findApiKeyBySecret(deps.database.db, token);
    if (!key) {
      void reply.header('www-authenticate', 'Bearer realm="warden", error="invalid_token"');
      throw new AppError('UNAUTHENTICATED', 'Unknown or revoked API key.');
    }
    req.apiKey = key;
  };
}

/**
 * A preHandler that admits a live key whose role grants `permission`: 401 without a valid key,
 * 403 naming the permission when the role lacks it.
 */
export function requirePermission(deps: AppDeps, permission: Permission) {
  const authenticate = requireApiKey(deps);
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await authenticate(req, reply);
    const role = req.apiKey?.role ?? '';
    if (!roleAllows(role, permission))
      throw new AppError('FORBIDDEN', `This route needs the \`${permission}\` permission, which the role \`${role}\` lacks.`, {
        details: { permission, role },
      });
  };
}

import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import { deleteSession, findUserByEmail, insertSession, type User } from '../../store/index.js';
import { authenticate, hashSessionId, principalOf, sessionCookieName } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { maxPasswordLength, verifyPassword } from '../password.js';
import { parseOrThrow } from './parse.js';

const loginBody = z.object({
  email: z.string().min(3).max(320),
  password: z.string().min(1).max(maxPasswordLength),
});

const sessionAnswer = {
  type: 'object',
  properties: {
    user: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } },
    csrfToken: { type: 'string' },
    expiresAt: { type: 'string' },
  },
} as const;

/**
 * Starts a console session for a user who has proved who they are (password or OIDC): the
 * session row, its CSRF token, the cookie and the audit entry, the same for every login method.
 */
export async function openSession(deps: AppDeps, reply: FastifyReply, user: User, details: { ip: string; method: 'password' | 'oidc' }) {
  const secure = deps.config.auth.cookieSecure;
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = deps.now();
  const ttlMs = deps.config.auth.sessionTtlMinutes * 60_000;
  await insertSession(deps.database.db, { idHash: hashSessionId(id), userId: user.id, csrfToken, createdAt: now, expiresAt: now + ttlMs });
  // The password login's audit entry keeps its earlier shape; OIDC logins say so.
  const auditDetails = details.method === 'password' ? { ip: details.ip } : details;
  await deps.audit?.record({ at: now, actor: `user:${user.id}`, action: 'session.login', target: { type: 'user', id: user.id }, details: auditDetails });
  void reply.setCookie(sessionCookieName(secure), id, { httpOnly: true, secure, sameSite: 'strict', path: '/', maxAge: ttlMs / 1000 });
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    csrfToken,
    expiresAt: new Date(now + ttlMs).toISOString(),
  };
}

/**
 * Console sessions. `POST /api/v1/session` checks an email and password and sets an
 * `HttpOnly; Secure; SameSite=Strict` cookie (RFC 6265bis §4.1.2) holding 32 random bytes; the
 * server keeps only their SHA-256. The answer carries the CSRF synchronizer token that unsafe
 * requests must echo in `x-csrf-token`. Logins are throttled per client address.
 */
export function sessionRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    const secure = deps.config.auth.cookieSecure;
    const cookieName = sessionCookieName(secure);

    app.post(
      '/api/v1/session',
      {
        config: {
          permission: 'public',
          rateLimit: {
            max: deps.config.auth.loginAttemptsPerWindow,
            timeWindow: 15 * 60 * 1000,
            errorResponseBuilder: (_req, ctx) =>
              new AppError('RATE_LIMITED', `Too many login attempts from this address; retry in ${ctx.after}.`, { details: { retryAfter: ctx.after } }),
          },
        },
        schema: { summary: 'Log in (email and password); sets the session cookie', tags: ['session'], response: { 200: sessionAnswer } },
      },
      async (req, reply) => {
        const body = parseOrThrow(loginBody, req.body, 'body');
        const user = await findUserByEmail(deps.database.db, body.email);
        // The password is checked even for an unknown user, so timing does not reveal which emails exist.
        const ok = await verifyPassword(body.password, user?.passwordHash);
        if (!user || !ok || user.disabledAt !== null) {
          await deps.audit?.record({ at: deps.now(), actor: 'anonymous', action: 'session.login_failed', details: { ip: req.ip } });
          throw new AppError('AUTH_INVALID_CREDENTIALS', 'Wrong email or password, or the user is disabled.');
        }
        return openSession(deps, reply, user, { ip: req.ip, method: 'password' });
      },
    );

    app.get(
      '/api/v1/session',
      { config: { permission: 'authenticated' }, schema: { summary: 'Who is calling, and the session\'s CSRF token', tags: ['session'] } },
      async (req, reply) => {
        const p = await authenticate(deps, req, reply);
        return { principal: { kind: p.kind, id: p.id, name: p.name, role: p.role }, ...(p.csrfToken !== undefined ? { csrfToken: p.csrfToken } : {}) };
      },
    );

    app.delete(
      '/api/v1/session',
      { config: { permission: 'authenticated' }, schema: { summary: 'Log out: ends the session and clears its cookie', tags: ['session'] } },
      async (req, reply) => {
        const p = principalOf(req);
        if (p.sessionIdHash !== undefined) {
          await deleteSession(deps.database.db, p.sessionIdHash);
          await deps.audit?.record({ at: deps.now(), actor: p.actor, action: 'session.logout', target: { type: 'user', id: p.id } });
        }
        void reply.clearCookie(cookieName, { path: '/', httpOnly: true, secure, sameSite: 'strict' });
        return reply.status(204).send();
      },
    );
    return Promise.resolve();
  };
}

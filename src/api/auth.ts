import { createHash, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors/index.js';
import { findApiKeyBySecret, findLiveSession, type ApiKey, type User } from '../store/index.js';
import type { AppDeps } from './deps.js';
import { roleAllows, type Permission } from './permissions.js';

/**
 * What a route declares in `config.permission`: a permission from `permissions.ts`, or one of
 * `public` (no credentials: health, metrics, login), `authenticated` (any signed-in caller:
 * the session itself) and `partner` (TAXII 2.1, which authenticates partner principals itself).
 */
export type RouteAccess = Permission | 'public' | 'authenticated' | 'partner';

/** Who is calling: an API key or a console user, with the role that decides what they may do. */
export interface Principal {
  kind: 'key' | 'user';
  id: string;
  name: string;
  role: string;
  /** How the audit log names them: `key:<id>` or `user:<id>`. */
  actor: string;
  /** Present for session callers: the session's hashed id and its CSRF token. */
  sessionIdHash?: string;
  csrfToken?: string;
}

/** One registered route and the access it declared (undefined: none, which fails closed). */
export interface RouteEntry {
  method: string;
  url: string;
  readonly permission: RouteAccess | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, in registration order: what the route × role matrix test walks. */
    routeTable: readonly RouteEntry[];
  }
  interface FastifyContextConfig {
    permission?: RouteAccess;
  }
  interface FastifyRequest {
    apiKey?: ApiKey;
    caller?: Principal;
  }
}

/** The session cookie's name: the `__Host-` prefix (RFC 6265bis §4.1.3.2) needs `Secure`, so plain-HTTP dev drops it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-warden_session' : 'warden_session';
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** RFC 6750 §2.1: `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return m?.[1];
}

/** RFC 9110 §9.2.1: the methods that change nothing, and so need no CSRF token. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function unauthenticated(reply: FastifyReply, message: string, invalid = false): AppError {
  void reply.header('www-authenticate', invalid ? 'Bearer realm="warden", error="invalid_token"' : 'Bearer realm="warden"');
  return new AppError('UNAUTHENTICATED', message);
}

/**
 * Resolves the caller: a bearer API key wins; otherwise the session cookie, which on an unsafe
 * method must come with the session's CSRF synchronizer token in `x-csrf-token` (OWASP CSRF
 * cheat sheet, "synchronizer token pattern"). Bearer keys are not sent by browsers on their
 * own, so they need no CSRF token.
 */
export async function authenticate(deps: AppDeps, req: FastifyRequest, reply: FastifyReply): Promise<Principal> {
  if (req.caller) return req.caller;
  const header = req.headers.authorization;
  if (header !== undefined) {
    const token = bearerToken(header);
    if (!token) throw unauthenticated(reply, 'Malformed Authorization header; send `Authorization: Bearer <key>`.', true);
    const key = await findApiKeyBySecret(deps.database.db, token);
    if (!key) throw unauthenticated(reply, 'Unknown or revoked API key.', true);
    req.apiKey = key;
    req.caller = { kind: 'key', id: key.id, name: key.name, role: key.role, actor: `key:${key.id}` };
    return req.caller;
  }
  const cookie = req.cookies[sessionCookieName(deps.config.auth.cookieSecure)];
  if (cookie === undefined) {
    throw unauthenticated(reply, 'Send `Authorization: Bearer <key>` (create one with `warden keys create NAME`) or log in at POST /api/v1/session.');
  }
  // Session ids are 32 random bytes in base64url; anything else is forged or mangled.
  const live = /^[A-Za-z0-9_-]{43}$/.test(cookie) ? await findLiveSession(deps.database.db, hashSessionId(cookie), deps.now()) : undefined;
  if (!live) throw unauthenticated(reply, 'The session is unknown or expired; log in again.', true);
  if (!safeMethods.has(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameToken(sent, live.session.csrfToken)) {
      throw new AppError('AUTH_CSRF_INVALID', 'Send the session\'s CSRF token (from the login answer or GET /api/v1/session) in the `x-csrf-token` header.');
    }
  }
  req.caller = { ...principalOfUser(live.user, live.session.idHash), csrfToken: live.session.csrfToken };
  return req.caller;
}

function principalOfUser(user: User, sessionIdHash: string): Principal {
  return { kind: 'user', id: user.id, name: user.email, role: user.role, actor: `user:${user.id}`, sessionIdHash };
}

function checkAccess(principal: Principal, access: RouteAccess): void {
  if (access === 'authenticated' || access === 'public' || access === 'partner') return;
  if (!roleAllows(principal.role, access)) {
    throw new AppError('FORBIDDEN', `This route needs the \`${access}\` permission, which the role \`${principal.role}\` lacks.`, {
      details: { permission: access, role: principal.role },
    });
  }
}

/** A preHandler carrying the permission it checks, so the route table can show it. */
export type PermissionCheck = ((req: FastifyRequest, reply: FastifyReply) => Promise<void>) & { permission: RouteAccess };

/**
 * A preHandler that admits a caller (API key or session) whose role grants `permission`: 401
 * without valid credentials, 403 naming the permission when the role lacks it. Routes may use
 * it or declare `config: { permission }`; either way `installAccessControl` records it.
 */
export function requirePermission(deps: AppDeps, permission: RouteAccess): PermissionCheck {
  const check = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (permission === 'public' || permission === 'partner') return;
    checkAccess(await authenticate(deps, req, reply), permission);
  };
  return Object.assign(check, { permission });
}

function declaredByPreHandler(route: RouteOptions): RouteAccess | undefined {
  const hooks = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
  for (const h of hooks as unknown[]) {
    const p = (h as Partial<PermissionCheck>).permission;
    if (p !== undefined) return p;
  }
  return undefined;
}

/**
 * One enforcement point for the whole API: every route must declare its access in
 * `config.permission` (or through `requirePermission`); a route that declares none is refused
 * to every caller (fail closed) and fails the route × role matrix test. Runs on `onRequest`, so
 * bodies of callers who may not call a route are never parsed.
 */
export function installAccessControl(app: FastifyInstance, deps: AppDeps): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const declared = route.config?.permission ?? declaredByPreHandler(route);
    if (declared !== undefined) route.config = { ...route.config, permission: declared };
    // Read at request time too: a later onRoute hook (TAXII's scope) may still fill it in.
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) table.push({ method, url: route.url, get permission() { return route.config?.permission; } });
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.is404) return;
    const access = req.routeOptions.config.permission;
    if (access === undefined) {
      throw new AppError('FORBIDDEN', `Route ${req.method} ${req.routeOptions.url ?? ''} declares no permission, so no one may call it.`);
    }
    if (access === 'public' || access === 'partner') return;
    checkAccess(await authenticate(deps, req, reply), access);
  });
}

/** The principal of a request that passed access control; throws if a route forgot to declare one. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.caller) throw new AppError('INTERNAL', 'No authenticated caller on a route that needs one.');
  return req.caller;
}

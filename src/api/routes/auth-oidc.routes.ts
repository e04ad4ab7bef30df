import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/index.js';
import {
  consumeOidcLogin,
  deleteSessionsOfUser,
  findUserByEmail,
  findUserByOidcSubject,
  insertOidcLogin,
  insertUser,
  oidcSubjectOf,
  updateUser,
  type User,
} from '../../store/index.js';
import type { AppDeps } from '../deps.js';
import { OidcRelyingParty, oidcSettings, roleFromClaims, type OidcSettings } from '../oidc.js';
import { openSession } from './session.routes.js';

const startPath = '/api/v1/auth/oidc/start';
const callbackPath = '/api/v1/auth/oidc/callback';
/** How long a started login may take at the issuer (typing a password, a second factor). */
const loginTtlMs = 10 * 60_000;
const maxQueryLength = 8192;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The browser-binding cookie: the callback must come from the browser that started the login,
 * or an attacker could have a victim finish the attacker's login (login CSRF; RFC 6749 §10.12).
 * SameSite=Lax, not Strict: the callback is a top-level navigation from the issuer's site, on
 * which Strict cookies are not sent (RFC 6265bis §8.8.2).
 */
const stateCookieName = (secure: boolean) => (secure ? '__Host-warden_oidc' : 'warden_oidc');

/**
 * SSO login by OpenID Connect (authorization code flow with PKCE), when `WARDEN_OIDC_ISSUER` is
 * set, and `GET /api/v1/auth/methods`, which tells the console's login page which methods exist.
 * A login ends in the same session and CSRF token as a password login.
 */
export function oidcRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    const settings = oidcSettings(deps.config);
    const rp = settings && new OidcRelyingParty(settings);
    const secure = deps.config.auth.cookieSecure;
    const cookieName = stateCookieName(secure);
    const rateLimit = {
      max: deps.config.auth.loginAttemptsPerWindow,
      timeWindow: 15 * 60 * 1000,
      errorResponseBuilder: (_req: FastifyRequest, ctx: { after: string }) =>
        new AppError('RATE_LIMITED', `Too many login attempts from this address; retry in ${ctx.after}.`, {
          details: { retryAfter: ctx.after },
        }),
    };
    const configured = () => {
      if (!rp || !settings)
        throw new AppError(
          'AUTH_OIDC_NOT_CONFIGURED',
          'SSO login is not configured on this Warden (set WARDEN_OIDC_ISSUER, WARDEN_OIDC_CLIENT_ID and WARDEN_OIDC_REDIRECT_URL).',
        );
      return { rp, settings };
    };

    app.get(
      '/api/v1/auth/methods',
      {
        config: { permission: 'public' },
        schema: { summary: 'Login methods this Warden offers (for the login page)', tags: ['session'] },
      },
      () => ({ password: true, oidc: rp ? { startUrl: startPath } : null }),
    );

    app.get(
      startPath,
      {
        config: { permission: 'public', rateLimit },
        schema: { summary: 'Start an SSO login: redirects to the OIDC issuer', tags: ['session'] },
      },
      async (_req, reply) => {
        const { rp } = configured();
        const started = await rp.start();
        const now = deps.now();
        await insertOidcLogin(deps.database.db, {
          stateHash: sha256(started.state),
          nonce: started.nonce,
          codeVerifier: started.codeVerifier,
          createdAt: now,
          expiresAt: now + loginTtlMs,
        });
        void reply.setCookie(cookieName, started.state, {
          httpOnly: true,
          secure,
          sameSite: 'lax',
          path: '/',
          maxAge: loginTtlMs / 1000,
        });
        return reply.redirect(started.url.href, 303);
      },
    );

    app.get(
      callbackPath,
      {
        config: { permission: 'public', rateLimit },
        schema: {
          summary: 'SSO callback: checks the code and ID token, opens a session, redirects to the console',
          tags: ['session'],
        },
      },
      async (req, reply) => {
        const { rp, settings } = configured();
        const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        if (query.length > maxQueryLength)
          throw new AppError('BAD_REQUEST', `The callback's query is over ${maxQueryLength} characters.`);
        const params = new URLSearchParams(query);
        const state = params.get('state') ?? '';
        const cookie = req.cookies[cookieName] ?? '';
        void reply.clearCookie(cookieName, { path: '/', httpOnly: true, secure, sameSite: 'lax' });
        if (!state || state.length > 512 || params.getAll('state').length !== 1)
          throw stateInvalid('The callback carries no single state parameter.');
        if (!cookie || !sameString(cookie, state))
          throw stateInvalid('The callback does not belong to a login started in this browser.');
        const pending = await consumeOidcLogin(deps.database.db, sha256(state), deps.now());
        if (!pending) throw stateInvalid('Unknown, expired or already used login state.');
        const error = params.get('error');
        if (error) {
          await failed(req, `issuer:${error.slice(0, 64)}`);
          throw new AppError(
            'AUTH_OIDC_REJECTED',
            `The OIDC issuer refused the login: ${error.slice(0, 64)}${params.get('error_description') ? ` (${params.get('error_description')!.slice(0, 200)})` : ''}.`,
            { details: { reason: error.slice(0, 64) } },
          );
        }
        let claims: Awaited<ReturnType<OidcRelyingParty['finish']>>;
        try {
          claims = await rp.finish(query, {
            state,
            nonce: pending.nonce,
            codeVerifier: pending.codeVerifier,
          });
        } catch (err) {
          if (err instanceof AppError && err.code === 'AUTH_OIDC_REJECTED') await failed(req, 'id_token');
          throw err;
        }
        const user = await resolveUser(deps, settings, claims, req);
        await openSession(deps, reply, user, { ip: req.ip, method: 'oidc' });
        return reply.redirect('/', 303);
      },
    );

    async function failed(req: FastifyRequest, reason: string, subject?: string) {
      await deps.audit?.record({
        at: deps.now(),
        actor: 'anonymous',
        action: 'session.login_failed',
        details: { ip: req.ip, method: 'oidc', reason, ...(subject ? { subject } : {}) },
      });
    }

    /**
     * The Warden user an ID token names: by linked subject first, else by verified email (and
     * the subject is linked then). Unknown subjects are created only with auto-provisioning and
     * a role; claims mapped to a role update the user's role at each login.
     */
    async function resolveUser(
      deps: AppDeps,
      settings: OidcSettings,
      claims: Record<string, unknown> & { sub: string },
      req: FastifyRequest,
    ): Promise<User> {
      const db = deps.database.db;
      const subject = claims.sub;
      const email = typeof claims.email === 'string' && claims.email.length <= 320 ? claims.email : undefined;
      const verifiedEmail = claims.email_verified === true ? email : undefined;
      const mapped = roleFromClaims(claims, settings);
      const refuse = async (reason: string, message: string) => {
        await failed(req, reason, subject);
        return new AppError('AUTH_OIDC_USER_REFUSED', message, { details: { reason } });
      };
      let user = await findUserByOidcSubject(db, subject);
      if (!user && verifiedEmail) {
        const byEmail = await findUserByEmail(db, verifiedEmail);
        if (byEmail) {
          const linked = await oidcSubjectOf(db, byEmail.id);
          if (linked !== null && linked !== subject)
            throw await refuse(
              'subject_mismatch',
              'The Warden user with this email is linked to another SSO subject.',
            );
          user = await updateUser(db, byEmail.id, { oidcSubject: subject });
          await deps.audit?.record({
            at: deps.now(),
            actor: `user:${byEmail.id}`,
            action: 'user.changed',
            target: { type: 'user', id: byEmail.id },
            details: { oidcSubject: 'linked', by: 'verified_email' },
          });
        }
      }
      if (!user) {
        if (!settings.autoProvision)
          throw await refuse(
            'unknown_user',
            'No Warden user for this SSO account; an admin must create it first (warden users add … --oidc-subject, or the same verified email).',
          );
        const role = mapped ?? settings.defaultRole;
        if (!role)
          throw await refuse(
            'no_role',
            'No Warden role for this SSO account: its claims map to none and WARDEN_OIDC_DEFAULT_ROLE is unset.',
          );
        if (!verifiedEmail)
          throw await refuse(
            'no_verified_email',
            'The SSO account has no verified email; Warden needs one to create the user.',
          );
        if (await findUserByEmail(db, verifiedEmail))
          throw await refuse(
            'subject_mismatch',
            'The Warden user with this email is linked to another SSO subject.',
          );
        const name =
          typeof claims.name === 'string' && claims.name.trim()
            ? claims.name.trim().slice(0, 200)
            : verifiedEmail;
        const created = await insertUser(
          db,
          { email: verifiedEmail, name, role, passwordHash: null, oidcSubject: subject },
          deps.now(),
        );
        await deps.audit?.record({
          at: deps.now(),
          actor: 'system:oidc',
          action: 'user.created',
          target: { type: 'user', id: created.id },
          details: { role, via: 'oidc' },
        });
        return created;
      }
      if (user.disabledAt !== null) throw await refuse('disabled', 'This Warden user is disabled.');
      // With a role map, the issuer is the source of truth for roles; a change ends older sessions as any role change does.
      if (settings.roleMap.size > 0) {
        const role = mapped ?? settings.defaultRole;
        if (!role)
          throw await refuse(
            'no_role',
            'No Warden role for this SSO account: its claims map to none and WARDEN_OIDC_DEFAULT_ROLE is unset.',
          );
        if (role !== user.role) {
          await deleteSessionsOfUser(db, user.id);
          user = (await updateUser(db, user.id, { role }))!;
          await deps.audit?.record({
            at: deps.now(),
            actor: 'system:oidc',
            action: 'user.changed',
            target: { type: 'user', id: user.id },
            details: { role, via: 'oidc_claims' },
          });
        }
      }
      return user;
    }

    return Promise.resolve();
  };
}

function stateInvalid(message: string): AppError {
  return new AppError('AUTH_OIDC_STATE_INVALID', `${message} Start the login again.`);
}

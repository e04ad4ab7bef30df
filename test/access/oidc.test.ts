import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findUserByEmail,
  findUserByOidcSubject,
  insertUser,
  listAuditRowsAfter,
  updateUser,
} from '../../src/store/index.js';
import { freePort } from '../harness/free-port.js';
import { createAccessApp, type AccessApp } from './helpers.js';
import { startTestIssuer, type TestAccounts, type TestIssuer } from './oidc-provider.js';

const accounts: TestAccounts = {
  'sub-ana': { email: 'ana@corp.example', email_verified: true, name: 'Ana', groups: ['soc'] },
  'sub-lee': { email: 'lee@corp.example', email_verified: true, name: 'Lee', groups: ['soc', 'soc-leads'] },
  'sub-unverified': { email: 'ana@corp.example', email_verified: false, name: 'Mallory' },
  'sub-stranger': {
    email: 'stranger@corp.example',
    email_verified: true,
    name: 'Stranger',
    groups: ['marketing'],
  },
  'sub-off': { email: 'off@corp.example', email_verified: true, name: 'Off', groups: ['soc'] },
  'sub-new': { email: 'new@corp.example', email_verified: true, name: 'New Analyst', groups: ['soc'] },
};

const cookieOf = (res: { headers: Record<string, unknown> }, name: string): string | undefined => {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  const c = all.find((x) => x.startsWith(`${name}=`));
  const value = c?.split(';')[0]!.slice(name.length + 1);
  return value ? value : undefined;
};

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`OIDC login [${dialect}]`, () => {
    let idp: TestIssuer;
    let t: AccessApp;

    /** Starts a login at Warden, signs in at the issuer as `sub`, and returns what the callback needs. */
    async function throughIssuer(app: AccessApp, sub: string) {
      const start = await app.app.inject({ url: '/api/v1/auth/oidc/start' });
      expect(start.statusCode).toBe(303);
      const state = cookieOf(start, 'warden_oidc')!;
      expect(state).toBeTruthy();
      const location = String(start.headers.location);
      expect(location.startsWith(`${idp.issuer}/auth?`)).toBe(true);
      const q = new URL(location).searchParams;
      expect(q.get('code_challenge_method')).toBe('S256');
      expect(q.get('state')).toBe(state);
      expect(q.get('nonce')).toBeTruthy();
      const query = await idp.authorize(location, sub);
      return { state, query };
    }

    const callback = (app: AccessApp, query: string, state: string | undefined) =>
      app.app.inject({
        url: `/api/v1/auth/oidc/callback${query}`,
        headers: state ? { cookie: `warden_oidc=${state}` } : {},
      });

    beforeAll(async () => {
      idp = await startTestIssuer(accounts);
      t = await createAccessApp(dialect, {
        env: {
          WARDEN_OIDC_ISSUER: idp.issuer,
          WARDEN_OIDC_CLIENT_ID: idp.clientId,
          WARDEN_OIDC_CLIENT_SECRET: idp.clientSecret,
          WARDEN_OIDC_REDIRECT_URL: idp.redirectUrl,
          WARDEN_AUTH_LOGIN_ATTEMPTS_PER_WINDOW: '1000',
        },
      });
      await insertUser(
        t.database.db,
        { email: 'ana@corp.example', name: 'Ana', role: 'analyst', passwordHash: null },
        1,
      );
      const off = await insertUser(
        t.database.db,
        {
          email: 'off@corp.example',
          name: 'Off',
          role: 'analyst',
          passwordHash: null,
          oidcSubject: 'sub-off',
        },
        1,
      );
      await updateUser(t.database.db, off.id, { disabledAt: 2 });
    });
    afterAll(async () => {
      await t?.close();
      await idp?.close();
    });

    it('tells the login page that SSO is offered', async () => {
      const res = await t.app.inject({ url: '/api/v1/auth/methods' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ password: true, oidc: { startUrl: '/api/v1/auth/oidc/start' } });
    });

    it('logs in a user matched by verified email, links the subject, and gives the same session as a password login', async () => {
      const { state, query } = await throughIssuer(t, 'sub-ana');
      const res = await callback(t, query, state);
      expect(res.statusCode, res.body).toBe(303);
      expect(res.headers.location).toBe('/');
      const session = cookieOf(res, 'warden_session');
      expect(session).toBeTruthy();
      const who = await t.app.inject({
        url: '/api/v1/session',
        headers: { cookie: `warden_session=${session}` },
      });
      expect(who.statusCode).toBe(200);
      const body = who.json<{ principal: { kind: string; role: string; name: string }; csrfToken: string }>();
      expect(body.principal).toMatchObject({ kind: 'user', role: 'analyst', name: 'ana@corp.example' });
      expect(body.csrfToken.length).toBeGreaterThan(20);
      // Unsafe requests need the CSRF token, exactly as after a password login.
      const logout = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: { cookie: `warden_session=${session}` },
      });
      expect(logout.statusCode).toBe(403);
      expect((await findUserByOidcSubject(t.database.db, 'sub-ana'))?.email).toBe('ana@corp.example');
      await t.audit.flush();
      const audit = await listAuditRowsAfter(t.database.db, 0, 1000);
      expect(
        audit.some((r) => r.action === 'session.login' && JSON.stringify(r.details).includes('oidc')),
      ).toBe(true);
    });

    it('refuses a replayed callback', async () => {
      const { state, query } = await throughIssuer(t, 'sub-ana');
      expect((await callback(t, query, state)).statusCode).toBe(303);
      const again = await callback(t, query, state);
      expect(again.statusCode).toBe(400);
      expect(again.json()).toMatchObject({ error: { code: 'AUTH_OIDC_STATE_INVALID' } });
    });

    it('refuses a bad, missing, duplicated or foreign state', async () => {
      const { state, query } = await throughIssuer(t, 'sub-ana');
      const forged = query.replace(/state=[^&]+/, 'state=forged-state');
      for (const [q, cookie] of [
        [forged, 'forged-state'], // unknown to Warden
        [query, undefined], // no browser-binding cookie: another browser
        [query, 'someone-elses-state'],
        [query.replace(/state=[^&]+/, ''), state],
        [`${query}&state=${state}`, state],
        [query.replace(/state=[^&]+/, `state=${'x'.repeat(600)}`), 'x'.repeat(600)],
        ['', undefined],
      ] as const) {
        const res = await callback(t, q, cookie);
        expect(res.statusCode, q.slice(0, 80)).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: 'AUTH_OIDC_STATE_INVALID' } });
        expect(cookieOf(res, 'warden_session')).toBeUndefined();
      }
      // The genuine callback still works afterwards: failed attempts did not consume it.
      expect((await callback(t, query, state)).statusCode).toBe(303);
      const huge = await callback(t, `?state=${state}&junk=${'a'.repeat(9000)}`, state);
      expect(huge.statusCode).toBe(400);
    });

    it('refuses an unknown subject, an unverified email and a disabled user', async () => {
      for (const [sub, reason] of [
        ['sub-stranger', 'unknown_user'],
        ['sub-unverified', 'unknown_user'],
        ['sub-off', 'disabled'],
      ] as const) {
        const { state, query } = await throughIssuer(t, sub);
        const res = await callback(t, query, state);
        expect(res.statusCode, sub).toBe(403);
        expect(res.json()).toMatchObject({ error: { code: 'AUTH_OIDC_USER_REFUSED', details: { reason } } });
        expect(cookieOf(res, 'warden_session')).toBeUndefined();
      }
      expect(await findUserByOidcSubject(t.database.db, 'sub-unverified')).toBeUndefined();
    });

    it('refuses an ID token for another audience or with another nonce, even signed by the issuer', async () => {
      for (const tamper of [
        (c: Record<string, unknown>) => ({ ...c, aud: 'another-client' }),
        (c: Record<string, unknown>) => ({ ...c, nonce: 'replayed-nonce' }),
      ]) {
        const { state, query } = await throughIssuer(t, 'sub-ana');
        idp.tamperIdToken = tamper;
        try {
          const res = await callback(t, query, state);
          expect(res.statusCode).toBe(401);
          expect(res.json()).toMatchObject({ error: { code: 'AUTH_OIDC_REJECTED' } });
          expect(cookieOf(res, 'warden_session')).toBeUndefined();
        } finally {
          idp.tamperIdToken = undefined;
        }
      }
    });

    it('passes on an error the issuer sends back (access_denied)', async () => {
      const start = await t.app.inject({ url: '/api/v1/auth/oidc/start' });
      const state = cookieOf(start, 'warden_oidc')!;
      const res = await callback(
        t,
        `?error=access_denied&error_description=user%20cancelled&state=${state}`,
        state,
      );
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({
        error: { code: 'AUTH_OIDC_REJECTED', details: { reason: 'access_denied' } },
      });
    });

    it('auto-provisions and maps claims to roles when configured, and re-applies the map at each login', async () => {
      const env = {
        WARDEN_OIDC_ISSUER: idp.issuer,
        WARDEN_OIDC_CLIENT_ID: idp.clientId,
        WARDEN_OIDC_CLIENT_SECRET: idp.clientSecret,
        WARDEN_OIDC_REDIRECT_URL: idp.redirectUrl,
        WARDEN_OIDC_AUTO_PROVISION: 'true',
        WARDEN_OIDC_ROLE_MAP: 'soc=analyst,soc-leads=lead',
        WARDEN_AUTH_LOGIN_ATTEMPTS_PER_WINDOW: '1000',
      };
      const p = await createAccessApp(dialect, { env });
      try {
        const lee = await throughIssuer(p, 'sub-lee');
        expect((await callback(p, lee.query, lee.state)).statusCode).toBe(303);
        expect(await findUserByEmail(p.database.db, 'lee@corp.example')).toMatchObject({
          role: 'lead',
          name: 'Lee',
        });
        const fresh = await throughIssuer(p, 'sub-new');
        expect((await callback(p, fresh.query, fresh.state)).statusCode).toBe(303);
        expect(await findUserByOidcSubject(p.database.db, 'sub-new')).toMatchObject({
          role: 'analyst',
          email: 'new@corp.example',
        });
        // A Warden-side role change is overridden by the issuer's groups at the next login.
        const u = (await findUserByOidcSubject(p.database.db, 'sub-new'))!;
        await updateUser(p.database.db, u.id, { role: 'admin' });
        const again = await throughIssuer(p, 'sub-new');
        expect((await callback(p, again.query, again.state)).statusCode).toBe(303);
        expect((await findUserByOidcSubject(p.database.db, 'sub-new'))!.role).toBe('analyst');
        // Groups that map to nothing and no default role: refused, not created.
        const s = await throughIssuer(p, 'sub-stranger');
        const res = await callback(p, s.query, s.state);
        expect(res.json()).toMatchObject({
          error: { code: 'AUTH_OIDC_USER_REFUSED', details: { reason: 'no_role' } },
        });
        expect(await findUserByEmail(p.database.db, 'stranger@corp.example')).toBeUndefined();
      } finally {
        await p.close();
      }
    });

    it('answers 502 when the issuer cannot be reached, and 404 when SSO is not configured', async () => {
      const port = await freePort();
      const down = await createAccessApp(dialect, {
        env: {
          WARDEN_OIDC_ISSUER: `http://127.0.0.1:${port}`,
          WARDEN_OIDC_CLIENT_ID: 'warden',
          WARDEN_OIDC_REDIRECT_URL: idp.redirectUrl,
        },
      });
      const off = await createAccessApp(dialect);
      try {
        const res = await down.app.inject({ url: '/api/v1/auth/oidc/start' });
        expect(res.statusCode).toBe(502);
        expect(res.json()).toMatchObject({ error: { code: 'AUTH_OIDC_PROVIDER_UNAVAILABLE' } });
        expect(res.json<{ error: { message: string } }>().error.message).toContain(`127.0.0.1:${port}`);
        for (const url of ['/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback?state=x']) {
          const r = await off.app.inject({ url });
          expect(r.statusCode).toBe(404);
          expect(r.json()).toMatchObject({ error: { code: 'AUTH_OIDC_NOT_CONFIGURED' } });
        }
        expect((await off.app.inject({ url: '/api/v1/auth/methods' })).json()).toEqual({
          password: true,
          oidc: null,
        });
      } finally {
        await down.close();
        await off.close();
      }
    });
  });
}

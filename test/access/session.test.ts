import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditRowsAfter } from '../../src/store/index.js';
import { createAccessApp, type AccessApp } from './helpers.js';

const password = 'correct horse battery staple';

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`console sessions [${dialect}]`, () => {
    let t: AccessApp;
    let clock = 1_800_000_000_000;
    const admin = () => ({ authorization: `Bearer ${t.keys.admin}` });
    let n = 0;
    // Each test logs in from its own address, so the login throttle only bites where a test wants it to.
    const login = (email: string, pw: string, ip = `127.0.0.${++n}`) =>
      t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: ip, payload: { email, password: pw } });
    const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0]!;

    beforeAll(async () => {
      t = await createAccessApp(dialect, { now: () => clock, env: { WARDEN_AUTH_LOGIN_ATTEMPTS_PER_WINDOW: '5', WARDEN_AUTH_SESSION_TTL_MINUTES: '60' } });
      for (const [email, role] of [['ana@example.org', 'analyst'], ['vic@example.org', 'viewer']] as const) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin(), payload: { email, name: email, role, password } });
        expect(res.statusCode).toBe(201);
      }
    });
    afterAll(async () => {
      await t.close();
    });

    it('logs in with a strict, HttpOnly cookie and a CSRF token, and the session works on safe methods', async () => {
      const res = await login('ANA@example.org', password);
      expect(res.statusCode).toBe(200);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/^warden_session=[A-Za-z0-9_-]{43};/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).toMatch(/Path=\//);
      const body = res.json<{ csrfToken: string; user: { role: string } }>();
      expect(body.user.role).toBe('analyst');
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: cookieOf(res) } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ principal: { kind: 'user', role: 'analyst' }, csrfToken: body.csrfToken });
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/actors?q=apt28', headers: { cookie: cookieOf(res) } })).statusCode).toBe(200);
      // Role limits apply to sessions as to keys.
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: cookieOf(res) } })).statusCode).toBe(403);
    });

    it('refuses an unsafe request without the CSRF token, with another token, and accepts the right one', async () => {
      const res = await login('ana@example.org', password);
      const cookie = cookieOf(res);
      const { csrfToken } = res.json<{ csrfToken: string }>();
      const post = (headers: Record<string, string>) =>
        t.app.inject({ method: 'POST', url: '/api/v1/intel/bundles', headers: { cookie, 'content-type': 'application/json', ...headers }, payload: '{}' });
      for (const headers of <Record<string, string>[]>[{}, { 'x-csrf-token': 'nope' }, { 'x-csrf-token': csrfToken.slice(0, -1) + (csrfToken.endsWith('A') ? 'B' : 'A') }, { 'x-csrf-token': '' }]) {
        const r = await post(headers);
        expect(r.statusCode).toBe(403);
        expect(r.json()).toMatchObject({ error: { code: 'AUTH_CSRF_INVALID' } });
      }
      // The token of another session does not fit this one.
      const other = (await login('vic@example.org', password)).json<{ csrfToken: string }>().csrfToken;
      expect((await post({ 'x-csrf-token': other })).statusCode).toBe(403);
      const ok = await post({ 'x-csrf-token': csrfToken });
      expect([401, 403]).not.toContain(ok.statusCode);
    });

    it('refuses forged, mangled and hostile session cookies with 401', async () => {
      for (const cookie of ['warden_session=' + 'A'.repeat(43), 'warden_session=../../etc/passwd', 'warden_session=' + 'x'.repeat(100_000), "warden_session=' or 1=1 --", 'warden_session=']) {
        const r = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
        expect(r.statusCode, cookie.slice(0, 40)).toBe(401);
      }
      // The Secure-prefixed name is not read when cookies are configured insecure, and vice versa.
      const res = await login('ana@example.org', password);
      const value = cookieOf(res).split('=')[1]!;
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `__Host-warden_session=${value}` } })).statusCode).toBe(401);
    });

    it('expires sessions after the configured time', async () => {
      const cookie = cookieOf(await login('ana@example.org', password));
      clock += 61 * 60_000;
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    });

    it('logs out: the cookie is cleared and the session no longer works', async () => {
      const res = await login('ana@example.org', password);
      const cookie = cookieOf(res);
      const { csrfToken } = res.json<{ csrfToken: string }>();
      expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(403);
      const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': csrfToken } });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(/warden_session=;/);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    });

    it('gives one answer for an unknown email, a wrong password and a disabled user', async () => {
      const unknown = await login('nobody@example.org', password, '10.0.0.1');
      const wrong = await login('ana@example.org', 'wrong password!!', '10.0.0.1');
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());
      expect(unknown.json()).toMatchObject({ error: { code: 'AUTH_INVALID_CREDENTIALS' } });
    });

    it('refuses malformed and oversized login bodies', async () => {
      for (const payload of ['not json', '[]', '{"email":"a@b.c"}', JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(5000) }), JSON.stringify({ email: 1, password: 2 })]) {
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: '10.0.0.2', headers: { 'content-type': 'application/json' }, payload });
        expect(r.statusCode, payload.slice(0, 30)).toBe(400);
      }
    });

    it('throttles brute force from one address with a clear 429 and Retry-After; other addresses still log in', async () => {
      const ip = '10.9.9.9';
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await login('ana@example.org', `guess number ${i}`, ip)).statusCode);
      expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      const limited = await login('ana@example.org', password, ip);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      expect(limited.json<{ error: { message: string } }>().error.message).toMatch(/login attempts/);
      expect(limited.headers['retry-after']).toBeDefined();
      expect((await login('ana@example.org', password, '10.9.9.10')).statusCode).toBe(200);
    });

    it('disabling a user or changing their role ends their sessions; users are audited', async () => {
      const res = await login('vic@example.org', password, '10.1.1.1');
      const cookie = cookieOf(res);
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin() });
      const vic = list.json<{ users: { id: string; email: string }[] }>().users.find((u) => u.email === 'vic@example.org')!;
      const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${vic.id}`, headers: admin(), payload: { role: 'analyst' } });
      expect(patched.json()).toMatchObject({ role: 'analyst' });
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
      await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${vic.id}`, headers: admin(), payload: { disabled: true } });
      expect((await login('vic@example.org', password, '10.1.1.2')).statusCode).toBe(401);
      await t.audit.flush();
      const actions = (await listAuditRowsAfter(t.database.db, 0, 1000)).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.changed', 'session.login', 'session.logout', 'session.login_failed']));
    });

    it('refuses bad user input: duplicate email, weak password, unknown role, bad id', async () => {
      const post = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin(), payload: payload as object });
      expect((await post({ email: 'Ana@Example.org', name: 'again', role: 'viewer', password })).statusCode).toBe(409);
      expect((await post({ email: 'new@example.org', name: 'n', role: 'viewer', password: 'short' })).statusCode).toBe(400);
      expect((await post({ email: 'new@example.org', name: 'n', role: 'root', password })).statusCode).toBe(400);
      expect((await post({ email: 'not-an-email', name: 'n', role: 'viewer', password })).statusCode).toBe(400);
      expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/users/not-a-uuid', headers: admin(), payload: { role: 'viewer' } })).statusCode).toBe(400);
      expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/users/00000000-0000-4000-8000-000000000000', headers: admin(), payload: { role: 'viewer' } })).statusCode).toBe(404);
    });
  });
}

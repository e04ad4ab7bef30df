import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows, roles } from '../../src/api/permissions.js';
import { concretePath, createAccessApp, type AccessApp } from './helpers.js';

/**
 * The route × role matrix: every registered route (as Fastify's onRoute hook saw it, so routes
 * added later are covered without touching this file) is called by every role and by no one.
 * Allowed callers must get past access control (no 401/403); forbidden roles get 403; no
 * credentials get 401. A route that declares no permission fails here.
 */
describe('route × role matrix', () => {
  let t: AccessApp;
  beforeAll(async () => {
    t = await createAccessApp('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  it('every route declares its access', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(10);
    const undeclared = t.app.routeTable.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('every /api/v1 route is declared with a permission, not left to chance', () => {
    const apiRoutes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1'));
    expect(apiRoutes.length).toBeGreaterThan(10);
    for (const r of apiRoutes) expect(['partner', undefined]).not.toContain(r.permission);
  });

  it('each role reaches exactly the routes its permissions allow', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of t.app.routeTable) {
      const access = route.permission;
      if (access === undefined || access === 'public') continue;
      const url = concretePath(route.url);
      const withBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      const call = (headers: Record<string, string>) =>
        t.app.inject({
          method: route.method as 'GET',
          url,
          headers: withBody ? { ...headers, 'content-type': 'application/json' } : headers,
          ...(withBody ? { payload: '{}' } : {}),
        });

      const anonymous = await call({});
      if (anonymous.statusCode !== 401) failures.push(`${route.method} ${route.url} without credentials: ${anonymous.statusCode}, expected 401`);
      if (access === 'partner') continue; // TAXII partner keys are tested in test/taxii.
      for (const role of roles) {
        const res = await call({ authorization: `Bearer ${t.keys[role]}` });
        checked++;
        const allowed = access === 'authenticated' || roleAllows(role, access);
        if (allowed && (res.statusCode === 401 || res.statusCode === 403)) {
          failures.push(`${route.method} ${route.url} as ${role} (${access} allowed): ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
        if (!allowed && res.statusCode !== 403) failures.push(`${route.method} ${route.url} as ${role} (lacks ${access}): ${res.statusCode}, expected 403`);
        if (!allowed && res.statusCode === 403 && route.method !== 'HEAD') expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN', details: { permission: access, role } } });
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('public routes answer without credentials', async () => {
    for (const route of t.app.routeTable.filter((r) => r.permission === 'public' && r.method === 'GET')) {
      const res = await t.app.inject({ method: 'GET', url: concretePath(route.url) });
      expect([401, 403], `${route.url}`).not.toContain(res.statusCode);
    }
  });

  it('a revoked or made-up key, and a malformed header, get 401', async () => {
    for (const authorization of ['Bearer wdn_not-a-key', 'Basic Zm9vOmJhcg==', 'Bearer', `Bearer ${'a'.repeat(10_000)}`, 'Bearer x y']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/analysis', headers: { authorization } });
      expect(res.statusCode, authorization.slice(0, 20)).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
  });
});

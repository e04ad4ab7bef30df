import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-factory.js';

describe('the API mounts the TAXII 2.1 server under /taxii2/', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('answers discovery with TAXII errors and media type, and needs partner credentials', async () => {
    const res = await t.app.inject({ url: '/taxii2/', headers: { accept: 'application/taxii+json;version=2.1' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/taxii\+json/);
    expect(res.json()).toHaveProperty('title');
  });

  it('keeps Warden API errors in their own shape', async () => {
    const res = await t.app.inject({ url: '/api/v1/analysis' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});

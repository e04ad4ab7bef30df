import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import { AuditLog } from '../../src/audit/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger, createMetrics } from '../../src/observability/index.js';
import { storeCaseLookup } from '../../src/server/case-lookup.js';
import {
  createApiKey,
  createFieldCipher,
  insertCase,
  withFieldCipher,
  type Database,
} from '../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/testing.js';
import { makeEvent } from '../factories/events.js';

const secretPrompt = 'Email the lure to ceo@victim-corp.example; our key is sk-live0123456789abcdefABCDEF';
const key = randomBytes(32);

async function appOver(database: Database) {
  const audit = new AuditLog(database);
  const app = await buildApp({
    config: loadConfig({}),
    database,
    logger: createLogger('silent'),
    metrics: createMetrics(),
    now: Date.now,
    audit,
    cases: storeCaseLookup(database),
  });
  await app.ready();
  return { app, audit };
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`encrypted prompts through the API [${dialect}]`, () => {
    let base: TestDatabase;
    let database: Database;
    let t: Awaited<ReturnType<typeof appOver>>;
    const keys: Record<string, string> = {};

    beforeAll(async () => {
      base = await createTestDatabase(dialect);
      database = withFieldCipher(base, createFieldCipher(key));
      t = await appOver(database);
      for (const role of ['ingest', 'viewer', 'analyst'] as const)
        keys[role] = (await createApiKey(database.db, `k-${role}`, role, 1)).secret;
      await insertCase(database.db, {
        id: 'c-enc',
        key: 'k-enc',
        title: 'enc',
        state: 'investigating',
        priority: 'high',
        assignee: null,
        tags: [],
        dueAt: null,
        disposition: null,
        networkId: null,
        accounts: ['acct_enc'],
        actor: null,
        score: 0.9,
        snapshot: {},
        evidenceHash: 'h',
        version: 1,
        createdAt: 1,
        updatedAt: 1,
      });
    });
    afterAll(async () => {
      await t?.app.close();
      await t?.audit.flush();
      await base?.destroy();
    });

    it('ingests over HTTP, stores ciphertext only, masks by default and reveals the original text', async () => {
      const ingest = await t.app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { authorization: `Bearer ${keys.ingest}`, 'content-type': 'application/json' },
        payload: JSON.stringify([
          makeEvent({
            id: 'enc-api-1',
            account: 'acct_enc',
            request: { prompt: secretPrompt },
            response: { content: 'Sure, ceo@victim-corp.example' },
          }),
        ]),
      });
      expect(ingest.statusCode).toBe(200);
      const raw = await sql<{ raw: string }>`SELECT raw FROM events WHERE id = 'enc-api-1'`.execute(
        database.db,
      );
      expect(raw.rows[0]!.raw.startsWith('wenc1:')).toBe(true);
      expect(raw.rows[0]!.raw).not.toContain('victim-corp');

      const masked = await t.app.inject({
        url: '/api/v1/events/enc-api-1',
        headers: { authorization: `Bearer ${keys.viewer}` },
      });
      expect(masked.statusCode).toBe(200);
      expect(masked.json()).toMatchObject({
        event: { request: { prompt: 'Email the lure to [email]; our key is [secret]' } },
        masked: { email: 2, secret: 1 },
      });

      const reason = encodeURIComponent('lure campaign, case c-enc');
      const revealed = await t.app.inject({
        url: `/api/v1/events/enc-api-1?reveal=true&reason=${reason}`,
        headers: { authorization: `Bearer ${keys.analyst}` },
      });
      expect(revealed.statusCode).toBe(200);
      expect(revealed.json()).toMatchObject({
        event: { request: { prompt: secretPrompt }, response: { content: 'Sure, ceo@victim-corp.example' } },
      });
      const list = await t.app.inject({
        url: `/api/v1/accounts/acct_enc/events?reveal=true&reason=${reason}`,
        headers: { authorization: `Bearer ${keys.analyst}` },
      });
      expect(list.body).toContain(secretPrompt);
    });

    it('answers a clear error, not ciphertext, when the key is wrong or the row was tampered with', async () => {
      const wrong = await appOver(withFieldCipher(base, createFieldCipher(randomBytes(32))));
      try {
        const res = await wrong.app.inject({
          url: '/api/v1/events/enc-api-1',
          headers: { authorization: `Bearer ${keys.viewer}` },
        });
        expect(res.statusCode).toBe(500);
        expect(res.json()).toMatchObject({
          error: { code: 'PRIVACY_KEY_MISSING', details: { eventId: 'enc-api-1' } },
        });
        expect(res.body).not.toContain('wenc1:');
      } finally {
        await wrong.app.close();
      }
      await sql`UPDATE events SET raw = replace(raw, substr(raw, 30, 4), 'AAAA') WHERE id = 'enc-api-1'`.execute(
        database.db,
      );
      const res = await t.app.inject({
        url: '/api/v1/events/enc-api-1',
        headers: { authorization: `Bearer ${keys.viewer}` },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({
        error: { code: 'PRIVACY_CIPHERTEXT_INVALID', details: { eventId: 'enc-api-1' } },
      });
    });
  });
}

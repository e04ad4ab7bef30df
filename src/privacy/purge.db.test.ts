import { expect, it } from 'vitest';
import { decodeLine } from '../events/index.js';
import { ingestValues } from '../ingest/index.js';
import { findEventById, insertCase } from '../store/index.js';
import { describeEachDialect } from '../store/testing.js';
import { storeCaseLookup } from '../server/case-lookup.js';
import { purgeExpiredText } from './purge.js';
import { isPurged, purgedMarker } from './retention.js';

const day = 86_400_000;
const now = 1_800_000_000_000;
const prompt = 'Write a phishing email to jane@example.org about her parcel';

const ev = (id: string, account: string) => ({
  id,
  time: '2024-01-09T07:12:03Z',
  kind: 'request',
  account,
  ip: '198.51.100.23',
  request: { model: 'm', messages: [{ role: 'system', content: 'be helpful' }, { role: 'user', content: prompt }] },
  response: { content: 'Dear Jane, your parcel…' },
});

describeEachDialect('retention purge', (getDb) => {
  it('purges old text of never-flagged accounts only, keeps features, and replays', async () => {
    const database = getDb();
    // Old events (received 100 days ago) for four accounts, and a fresh one.
    await ingestValues({ database, now: () => now - 100 * day }, [ev('old-quiet', 'acct_quiet'), ev('old-flagged', 'acct_flagged'), ev('old-cased', 'acct_cased'), { ...ev('old-notext', 'acct_quiet'), kind: 'login', request: undefined, response: undefined }]);
    await ingestValues({ database, now: () => now - 1 * day }, [ev('new-quiet', 'acct_quiet')]);
    await insertCase(database.db, {
      id: 'c1', key: 'k1', title: 't', state: 'closed', priority: 'low', assignee: null, tags: [], dueAt: null, disposition: 'false_positive', networkId: null,
      accounts: ['acct_cased'], actor: null, score: 0, snapshot: {}, evidenceHash: 'h', version: 1, createdAt: 1, updatedAt: 1,
    });
    const options = { retentionDays: 90, now, flaggedAccounts: new Set(['acct_flagged']), cases: storeCaseLookup(database) };

    const dry = await purgeExpiredText(database, { ...options, dryRun: true });
    expect(dry).toMatchObject({ scanned: 4, purged: 1, keptFlagged: 2, withoutText: 1, dryRun: true });
    expect((await findEventById(database.db, 'old-quiet'))!.raw).toContain('jane@example.org');

    const report = await purgeExpiredText(database, { ...options, pageSize: 2 });
    expect(report).toMatchObject({ scanned: 4, purged: 1, keptFlagged: 2, alreadyPurged: 0, withoutText: 1 });
    const purged = (await findEventById(database.db, 'old-quiet'))!;
    expect(purged.raw).not.toContain('jane');
    expect(purged.raw).not.toContain('Dear Jane');
    const decoded = decodeLine(1, purged.raw);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.value.event.request?.messages?.[1]?.content).toBe(purgedMarker(prompt));
      expect(decoded.value.event.ip).toBe('198.51.100.23');
      expect(isPurged(decoded.value.event.response?.content ?? '')).toBe(true);
    }
    for (const kept of ['old-flagged', 'old-cased', 'new-quiet']) expect((await findEventById(database.db, kept))!.raw).toContain('jane@example.org');

    // A second pass finds nothing new.
    expect(await purgeExpiredText(database, options)).toMatchObject({ purged: 0, alreadyPurged: 1 });
  });

  it('purges nothing when it cannot ask about cases', async () => {
    const database = getDb();
    await ingestValues({ database, now: () => now - 200 * day }, [ev('lonely', 'acct_lonely')]);
    const r = await purgeExpiredText(database, { retentionDays: 90, now, flaggedAccounts: new Set() });
    expect(r.purged).toBe(0);
    expect((await findEventById(database.db, 'lonely'))!.raw).toContain('jane@example.org');
  });
});

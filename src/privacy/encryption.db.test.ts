import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isAppError } from '../errors/index.js';
import { ingestValues } from '../ingest/index.js';
import {
  countRawsByKeyId,
  createFieldCipher,
  findEventById,
  keyIdOf,
  listEventsAfter,
  sealedKeyId,
  withFieldCipher,
  type Database,
} from '../store/index.js';
import { describeEachDialect } from '../store/testing.js';
import { purgeExpiredText } from './purge.js';
import { resealStoredEvents } from './reseal.js';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const prompt = 'Draft a lure for ceo@victim-corp.example about the merger';
const reply = 'Dear CEO, regarding the confidential merger';

const ev = (id: string, account = 'acct_enc', text = prompt) => ({
  id,
  time: '2024-01-09T07:12:03Z',
  kind: 'request',
  account,
  ip: '198.51.100.23',
  request: { model: 'm', messages: [{ role: 'user', content: text }], prompt: text },
  response: { content: reply },
});

async function storedRaws(
  database: Database,
  table: 'events' | 'event_conflicts' = 'events',
): Promise<{ id: string; raw: string }[]> {
  const r = await sql<{
    id: string;
    raw: string;
  }>`SELECT id, raw FROM ${sql.table(table)} ORDER BY seq`.execute(database.db);
  return r.rows;
}

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describeEachDialect('field encryption at rest', (getDb, dialect) => {
  const enc = () => withFieldCipher(getDb(), createFieldCipher(k1));
  const now = () => 1_800_000_000_000;

  it('stores no plaintext, reads back the verbatim event, and still tells duplicates from conflicts', async () => {
    const database = enc();
    const counts = await ingestValues({ database, now }, [ev('enc-1'), ev('enc-2')]);
    expect(counts.accepted).toBe(2);
    for (const r of await storedRaws(database)) {
      expect(sealedKeyId(r.raw)).toBe(keyIdOf(k1));
      expect(r.raw).not.toContain('victim');
      expect(r.raw).not.toContain('merger');
    }
    const back = await findEventById(database.db, 'enc-1');
    expect(JSON.parse(back!.raw)).toEqual(ev('enc-1'));
    expect(
      (await listEventsAfter(database.db, 0, 10)).map(
        (e) => (JSON.parse(e.raw) as ReturnType<typeof ev>).request.prompt,
      ),
    ).toEqual([prompt, prompt]);

    // A retry is a duplicate; other text under the same id is a conflict, kept sealed too.
    const again = await ingestValues({ database, now }, [
      ev('enc-1'),
      ev('enc-2', 'acct_enc', 'another secret about victim-corp'),
    ]);
    expect([again.duplicate, again.conflict]).toEqual([1, 1]);
    const conflicts = await storedRaws(database, 'event_conflicts');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.raw).not.toContain('victim');
    expect(createFieldCipher(k1).open('enc-2', conflicts[0]!.raw)).toContain('another secret');
  });

  it('leaves no plaintext in the database file itself', async () => {
    if (dialect !== 'sqlite') return;
    const database = enc();
    await ingestValues({ database, now }, [ev('enc-file', 'acct_file', 'needle-8c1f-plaintext-marker')]);
    database.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(database.location).includes(Buffer.from('needle-8c1f'))).toBe(false);
    expect(readFileSync(database.location).includes(Buffer.from('acct_file'))).toBe(true);
  });

  it('refuses to read with a wrong key or none, naming the variable to set', async () => {
    const other = withFieldCipher(getDb(), createFieldCipher(k2));
    const wrong = await errorOf(findEventById(other.db, 'enc-1'));
    expect(isAppError(wrong, 'PRIVACY_KEY_MISSING')).toBe(true);
    expect((wrong as Error).message).toMatch(/enc-1.*WARDEN_PRIVACY_ENCRYPTION_OLD_KEYS/);
    const none = withFieldCipher(getDb(), undefined);
    const missing = await errorOf(listEventsAfter(none.db, 0, 10));
    expect(isAppError(missing, 'PRIVACY_KEY_MISSING')).toBe(true);
    expect((missing as Error).message).toContain('WARDEN_PRIVACY_ENCRYPTION_KEY');
    // Writing under a wrong key is refused as well: the duplicate check must open the stored row.
    expect(
      isAppError(await errorOf(ingestValues({ database: other, now }, [ev('enc-1')])), 'PRIVACY_KEY_MISSING'),
    ).toBe(true);
  });

  it('detects a tampered ciphertext and one moved to another row, naming the event', async () => {
    const database = enc();
    await ingestValues({ database, now }, [ev('tamper-a'), ev('tamper-b')]);
    const raws = new Map((await storedRaws(database)).map((r) => [r.id, r.raw]));
    const a = raws.get('tamper-a')!;
    const flipped = a.slice(0, -5) + (a.at(-5) === 'A' ? 'B' : 'A') + a.slice(-4);
    await sql`UPDATE events SET raw = ${flipped} WHERE id = 'tamper-a'`.execute(database.db);
    await sql`UPDATE events SET raw = ${a} WHERE id = 'tamper-b'`.execute(database.db);
    for (const id of ['tamper-a', 'tamper-b']) {
      const err = await errorOf(findEventById(database.db, id));
      expect(isAppError(err, 'PRIVACY_CIPHERTEXT_INVALID'), id).toBe(true);
      expect((err as Error).message).toContain(id);
    }
    await sql`DELETE FROM events WHERE id IN ('tamper-a', 'tamper-b')`.execute(database.db);
  });

  it('round-trips hostile text: an empty response, lone surrogates, a huge prompt', async () => {
    const database = enc();
    const huge = 'A'.repeat(600_000) + ' victim-corp';
    // An empty prompt is refused by the event schema itself; an empty response is allowed.
    const values = [
      { ...ev('h-empty', 'acct_h'), response: { content: '' } },
      ev('h-huge', 'acct_h', huge),
      ev('h-sur', 'acct_h', 'x\ud800y\udfffz'),
    ];
    const counts = await ingestValues({ database, now }, values);
    expect(counts.accepted).toBe(3);
    for (const v of values) {
      const back = JSON.parse((await findEventById(database.db, v.id))!.raw) as ReturnType<typeof ev>;
      expect(back, v.id).toEqual(v);
    }
    for (const r of await storedRaws(database)) expect(r.raw.includes('victim-corp')).toBe(false);
  });

  it('encrypt-existing seals rows written in clear, and a second run changes nothing', async () => {
    const database = getDb();
    const clear = withFieldCipher(database, undefined);
    await ingestValues({ database: clear, now }, [ev('old-1', 'acct_old'), ev('old-2', 'acct_old')]);
    await ingestValues({ database: clear, now }, [ev('old-1', 'acct_old', 'conflicting victim-corp text')]);
    expect((await storedRaws(database)).some((r) => r.raw.includes('victim'))).toBe(true);
    const cipher = createFieldCipher(k1);
    const first = await resealStoredEvents(database, cipher, { mode: 'encrypt', batchSize: 2 });
    expect(first.encrypted).toBeGreaterThanOrEqual(3);
    expect(first.skippedChanged).toBe(0);
    const second = await resealStoredEvents(database, cipher, { mode: 'encrypt', batchSize: 2 });
    expect([second.encrypted, second.rotated, second.current]).toEqual([0, 0, second.scanned]);
    for (const table of ['events', 'event_conflicts'] as const)
      for (const r of await storedRaws(database, table)) expect(r.raw).not.toContain('victim');
    expect(JSON.parse((await findEventById(enc().db, 'old-1'))!.raw)).toEqual(ev('old-1', 'acct_old'));
    expect((await countRawsByKeyId(database.db)).filter((c) => c.keyId === '')).toEqual([]);
  });

  it('rotate-key re-seals under the new key; the old key is then no longer needed', async () => {
    const database = getDb();
    const rotating = createFieldCipher(k2, [k1]);
    const before = await resealStoredEvents(database, rotating, { mode: 'encrypt' });
    expect(before.encrypted).toBe(0);
    expect(before.olderKey).toBe(before.scanned);
    const report = await resealStoredEvents(database, rotating, { mode: 'rotate', batchSize: 3 });
    expect(report.rotated).toBe(report.scanned);
    expect((await resealStoredEvents(database, rotating, { mode: 'rotate' })).rotated).toBe(0);
    const kids = new Set((await countRawsByKeyId(database.db)).map((c) => c.keyId));
    expect([...kids]).toEqual([keyIdOf(k2)]);
    const onlyNew = withFieldCipher(database, createFieldCipher(k2));
    expect(JSON.parse((await findEventById(onlyNew.db, 'enc-1'))!.raw)).toEqual(ev('enc-1'));
    expect(isAppError(await errorOf(findEventById(enc().db, 'enc-1')), 'PRIVACY_KEY_MISSING')).toBe(true);
  });

  it('retention purges through the cipher and keeps the row sealed', async () => {
    const database = withFieldCipher(getDb(), createFieldCipher(k2));
    const report = await purgeExpiredText(database, {
      retentionDays: 1,
      now: now() + 10 * 86_400_000,
      flaggedAccounts: new Set(),
      cases: {
        hasAnyCase: () => Promise.resolve(false),
        isAccountUnderOpenCase: () => Promise.resolve(false),
      },
    });
    expect(report.purged).toBeGreaterThan(0);
    const back = JSON.parse((await findEventById(database.db, 'enc-1'))!.raw) as ReturnType<typeof ev>;
    expect(back.request.prompt).toMatch(/^\[purged len=/);
    expect(sealedKeyId((await storedRaws(database)).find((r) => r.id === 'enc-1')!.raw)).toBe(keyIdOf(k2));
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spillLineCodec } from '../privacy/index.js';
import { createFieldCipher } from '../store/index.js';
import { SpillingEventQueue, type EventSink } from './event-queue.js';

const dirs: string[] = [];
function spillDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'warden-spill-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A sink that records what it took, and can be turned off or held. */
function sink() {
  const got: number[] = [];
  let down = false;
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const s: EventSink & { got: number[]; setDown(v: boolean): void; hold(): void; release(): void } = {
    got,
    async write(events) {
      if (gate) await gate;
      if (down) throw new Error('sink down');
      for (const e of events) got.push((e as { n: number }).n);
    },
    setDown: (v) => (down = v),
    hold: () => {
      gate = new Promise((r) => (open = r));
    },
    release: () => {
      gate = undefined;
      open?.();
    },
  };
  return s;
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('SpillingEventQueue', () => {
  it('delivers in order through a sink that keeps up', async () => {
    const s = sink();
    const q = new SpillingEventQueue({ sink: s, spillDir: spillDir(), maxInMemory: 100, batchSize: 7 });
    for (const n of range(0, 50)) q.push({ n });
    await q.flush();
    expect(s.got).toEqual(range(0, 50));
    expect(q.stats.spilled).toBe(0);
    await q.close();
  });

  it('lingers: a part batch waits for more events, a full one goes at once, flush does not wait', async () => {
    const batches: number[] = [];
    const counting: EventSink = {
      write(events) {
        batches.push(events.length);
        return Promise.resolve();
      },
    };
    const q = new SpillingEventQueue({
      sink: counting,
      spillDir: spillDir(),
      maxInMemory: 100,
      batchSize: 4,
      lingerMs: 60_000,
    });
    for (const n of range(0, 3)) q.push({ n });
    await new Promise((r) => setTimeout(r, 20));
    // Three events and a minute of linger left: nothing sent yet, one call per request avoided.
    expect(batches).toEqual([]);
    q.push({ n: 3 });
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toEqual([4]);
    q.push({ n: 4 });
    await q.flush();
    expect(batches).toEqual([4, 1]);
    expect(q.stats.delivered).toBe(5);
    await q.close();
  });

  it('never blocks push on a slow sink: spills past the memory bound and drains back in order', async () => {
    const s = sink();
    s.hold();
    const dir = spillDir();
    const q = new SpillingEventQueue({
      sink: s,
      spillDir: dir,
      maxInMemory: 100,
      batchSize: 10,
      segmentEvents: 300,
    });
    for (const n of range(0, 1000)) q.push({ n });
    expect(q.stats.inMemory).toBeLessThanOrEqual(100);
    expect(q.stats.spilled).toBeGreaterThanOrEqual(900);
    s.release();
    await q.flush();
    expect(s.got).toEqual(range(0, 1000));
    expect(readdirSync(dir)).toEqual([]);
    // Back to memory once the disk is drained.
    for (const n of range(1000, 1010)) q.push({ n });
    await q.flush();
    expect(s.got.slice(-10)).toEqual(range(1000, 1010));
    await q.close();
  });

  it('loses nothing while the sink is down, and a restart drains what was spilled, oldest first', async () => {
    const s = sink();
    s.setDown(true);
    const dir = spillDir();
    const q = new SpillingEventQueue({ sink: s, spillDir: dir, maxInMemory: 50, batchSize: 20, retryMs: 5 });
    for (const n of range(0, 400)) q.push({ n });
    await new Promise((r) => setTimeout(r, 30));
    await q.close();
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    expect(s.got).toEqual([]);

    const s2 = sink();
    const q2 = new SpillingEventQueue({ sink: s2, spillDir: dir, maxInMemory: 50, batchSize: 20 });
    for (const n of range(400, 420)) q2.push({ n });
    await q2.flush();
    expect(s2.got).toEqual(range(0, 420));
    expect(readdirSync(dir)).toEqual([]);
    await q2.close();
  });

  it('seals spilled events under the encryption-at-rest key, and without the key keeps them whole on disk', async () => {
    const sealed = spillLineCodec(createFieldCipher(randomBytes(32)));
    const s = sink();
    s.setDown(true);
    const dir = spillDir();
    const q = new SpillingEventQueue({ sink: s, spillDir: dir, maxInMemory: 5, batchSize: 10, retryMs: 5, lineCodec: sealed });
    for (const n of range(0, 60)) q.push({ n, prompt: `draft the lure for victim ${n}` });
    await new Promise((r) => setTimeout(r, 30));
    await q.close();
    const onDisk = () => readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    const before = onDisk();
    expect(before.split('\n').filter(Boolean)).toHaveLength(60);
    expect(before).not.toContain('victim');

    // Restarted without the key: the segments cannot be read, so they are kept, not skipped as torn.
    const errors: unknown[] = [];
    const noKey = new SpillingEventQueue({ sink: sink(), spillDir: dir, maxInMemory: 5, batchSize: 10, lineCodec: spillLineCodec(undefined), onError: (e) => errors.push(e) });
    while (errors.length === 0) await new Promise((r) => setTimeout(r, 5));
    await noKey.close();
    expect(errors[0]).toMatchObject({ code: 'PRIVACY_KEY_MISSING' });
    expect(onDisk()).toBe(before);

    const s3 = sink();
    const withKey = new SpillingEventQueue({ sink: s3, spillDir: dir, maxInMemory: 5, batchSize: 10, lineCodec: sealed });
    await withKey.flush();
    expect(s3.got).toEqual(range(0, 60));
    await withKey.close();
  });

  it('retries a failing sink without losing or reordering a batch', async () => {
    const s = sink();
    const q = new SpillingEventQueue({
      sink: s,
      spillDir: spillDir(),
      maxInMemory: 1000,
      batchSize: 10,
      retryMs: 5,
    });
    s.setDown(true);
    for (const n of range(0, 30)) q.push({ n });
    await new Promise((r) => setTimeout(r, 40));
    expect(q.stats.sinkFailures).toBeGreaterThan(0);
    s.setDown(false);
    await q.flush();
    expect(s.got).toEqual(range(0, 30));
    await q.close();
  });

  it('skips a torn last line left by a crash mid-append and delivers the rest', async () => {
    const dir = spillDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'events-001000000000.ndjson'), '{"n":1}\n{"n":2}\n{"n":');
    const errors: unknown[] = [];
    const s = sink();
    const q = new SpillingEventQueue({
      sink: s,
      spillDir: dir,
      maxInMemory: 10,
      batchSize: 10,
      onError: (e) => errors.push(e),
    });
    await q.flush();
    expect(s.got).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
    await q.close();
  });
});

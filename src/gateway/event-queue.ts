import { mkdirSync, readdirSync } from 'node:fs';
import { appendFile, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAppError } from '../errors/index.js';

/** Where events go: the store's ingest path, or a remote Warden. Throws to have the batch retried. */
export interface EventSink {
  write(events: readonly object[]): Promise<void>;
}

export interface EventQueueOptions {
  sink: EventSink;
  /** Folder of the spill segments (NDJSON); created if missing. */
  spillDir: string;
  /** Events held in memory; beyond this, new events go to disk until the backlog is drained. */
  maxInMemory: number;
  batchSize: number;
  /** Events per segment file before a new one is started. */
  segmentEvents?: number;
  /** First retry delay after a sink failure; doubles up to 30 s. */
  retryMs?: number;
  /**
   * How long a batch smaller than `batchSize` may wait for more events before it is sent (ms,
   * default 0). At a low request rate every event would otherwise be a sink call of its own — an
   * HTTP request or a database transaction per request.
   */
  lingerMs?: number;
  onError?: (err: unknown) => void;
  /**
   * How an event becomes one spill line and back (default: plain JSON). With encryption at rest
   * on, the runtime passes a codec that seals each line, since spilled events carry prompts.
   */
  lineCodec?: { encode(event: object): string; decode(line: string): object };
}

const jsonLines = { encode: (event: object): string => JSON.stringify(event), decode: (line: string): object => JSON.parse(line) as object };

export interface EventQueueStats {
  inMemory: number;
  /** Events written to spill segments and not yet delivered (an estimate while a segment is half sent). */
  onDisk: number;
  delivered: number;
  spilled: number;
  sinkFailures: number;
}

const segmentName = (n: number) => `events-${String(n).padStart(12, '0')}.ndjson`;
const segmentPattern = /^events-(\d{12})\.ndjson$/;

/**
 * A bounded in-memory queue of events in front of a sink that may be slow or down, spilling to
 * NDJSON segment files when full and draining them back in order. `push` is synchronous and
 * never waits on the sink or the disk, so a slow pipeline never slows a request; nothing is
 * dropped: what cannot be held in memory is on disk, and `close` writes out the rest. Delivery is
 * at least once (a segment half sent before a crash is sent again); event ids make the store
 * count the repeats as duplicates.
 *
 * Order: memory holds the oldest events, then the segments oldest first, then events not yet
 * written. Once anything spills, new events follow it to disk until the disk is drained, so
 * events never overtake one another.
 */
export class SpillingEventQueue {
  private mem: object[] = [];
  /** Closed segments waiting to be sent, oldest first. */
  private readonly segments: number[] = [];
  private writeSegment: number | undefined;
  private writeSegmentLines = 0;
  /** Numbers start high so that a shutdown can name a segment that sorts before all others. */
  private nextSegment = 1_000_000_000;
  private unwritten: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private writePending = false;
  private diskMode = false;
  private pumping: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private lingerTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private closed = false;
  private readonly segmentEvents: number;
  readonly stats: EventQueueStats = { inMemory: 0, onDisk: 0, delivered: 0, spilled: 0, sinkFailures: 0 };

  private readonly codec: NonNullable<EventQueueOptions['lineCodec']>;

  constructor(private readonly options: EventQueueOptions) {
    this.codec = options.lineCodec ?? jsonLines;
    mkdirSync(options.spillDir, { recursive: true });
    this.segmentEvents = options.segmentEvents ?? 10_000;
    this.retryDelay = options.retryMs ?? 1000;
    // Segments left by an earlier run (a crash, or a close with the sink down) go first.
    const found = readdirSync(options.spillDir)
      .map((f) => segmentPattern.exec(f)?.[1])
      .filter((m): m is string => m !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    for (const n of found) this.segments.push(n);
    if (found.length > 0) {
      this.diskMode = true;
      this.nextSegment = found[found.length - 1]! + 1;
      this.stats.onDisk = Number.NaN; // unknown until read; reported as such rather than guessed
      this.kick();
    }
  }

  /** Queues one event; never blocks. */
  push(event: object): void {
    if (this.closed) throw new Error('event queue is closed');
    if (this.diskMode || this.mem.length >= this.options.maxInMemory) {
      this.diskMode = true;
      this.unwritten.push(this.codec.encode(event));
      this.stats.spilled++;
      this.stats.onDisk++;
      this.scheduleWrite();
    } else {
      this.mem.push(event);
      this.stats.inMemory = this.mem.length;
    }
    this.kick();
  }

  private scheduleWrite(): void {
    if (this.writePending) return;
    this.writePending = true;
    this.writing = this.writing
      .then(() => this.writeOut())
      .catch((err: unknown) => this.options.onError?.(err));
  }

  /** Appends unwritten lines to the current segment, rolling to a new one every `segmentEvents`. */
  private async writeOut(): Promise<void> {
    this.writePending = false;
    while (this.unwritten.length > 0) {
      if (this.writeSegment === undefined) {
        this.writeSegment = this.nextSegment++;
        this.writeSegmentLines = 0;
      }
      const room = this.segmentEvents - this.writeSegmentLines;
      const lines = this.unwritten.splice(0, room);
      await appendFile(join(this.options.spillDir, segmentName(this.writeSegment)), `${lines.join('\n')}\n`);
      this.writeSegmentLines += lines.length;
      if (this.writeSegmentLines >= this.segmentEvents) this.rollSegment();
    }
  }

  private rollSegment(): void {
    if (this.writeSegment === undefined) return;
    this.segments.push(this.writeSegment);
    this.writeSegment = undefined;
    this.kick();
  }

  private kick(now = false): void {
    if (this.pumping || this.retryTimer || this.closed) return;
    const linger = this.options.lingerMs ?? 0;
    if (!now && linger > 0 && !this.diskMode && this.mem.length < this.options.batchSize) {
      if (this.lingerTimer === undefined && this.mem.length > 0) {
        this.lingerTimer = setTimeout(() => {
          this.lingerTimer = undefined;
          this.kick(true);
        }, linger);
        this.lingerTimer.unref();
      }
      return;
    }
    if (this.lingerTimer !== undefined) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = undefined;
    }
    this.pumping = this.pump()
      .catch((err: unknown) => this.options.onError?.(err))
      .finally(() => (this.pumping = undefined));
  }

  private async send(batch: readonly object[]): Promise<boolean> {
    try {
      await this.options.sink.write(batch);
      this.stats.delivered += batch.length;
      this.retryDelay = this.options.retryMs ?? 1000;
      return true;
    } catch (err) {
      this.stats.sinkFailures++;
      this.options.onError?.(err);
      if (!this.closed) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.kick(true);
        }, this.retryDelay);
        this.retryTimer.unref();
        this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
      }
      return false;
    }
  }

  private async pump(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      if (this.mem.length > 0) {
        const batch = this.mem.slice(0, this.options.batchSize);
        if (!(await this.send(batch))) return;
        this.mem.splice(0, batch.length);
        this.stats.inMemory = this.mem.length;
        continue;
      }
      if (!this.diskMode) return;
      // Memory is empty and events are on disk: make what has been written readable, then send it.
      await this.writing;
      if (this.segments.length === 0 && this.writeSegment !== undefined) this.rollSegment();
      const seg = this.segments[0];
      if (seg === undefined) {
        if (this.unwritten.length === 0 && !this.writePending) {
          this.diskMode = false;
          this.stats.onDisk = 0;
          return;
        }
        continue;
      }
      if (!(await this.sendSegment(seg))) return;
      this.segments.shift();
    }
  }

  private async sendSegment(seg: number): Promise<boolean> {
    const file = join(this.options.spillDir, segmentName(seg));
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw err;
    }
    const events: object[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        events.push(this.codec.decode(line));
      } catch (err) {
        // Without the key the segment stays on disk, whole, until Warden is given it.
        if (isAppError(err, 'PRIVACY_KEY_MISSING')) throw err;
        // A torn last line from a crash mid-append: the rest of the segment is still good.
        this.options.onError?.(err);
      }
    }
    for (let i = 0; i < events.length; i += this.options.batchSize) {
      if (!(await this.send(events.slice(i, i + this.options.batchSize)))) {
        // Keep what is left, so a retry does not resend what the sink already took.
        const rest = events.slice(i).map((e) => this.codec.encode(e));
        await writeFile(`${file}.tmp`, `${rest.join('\n')}\n`);
        await rename(`${file}.tmp`, file);
        return false;
      }
      if (Number.isFinite(this.stats.onDisk))
        this.stats.onDisk = Math.max(
          0,
          this.stats.onDisk - Math.min(this.options.batchSize, events.length - i),
        );
    }
    await unlink(file);
    return true;
  }

  /** Bytes of spill segment files on disk now (the spill-bytes gauge). */
  async spillBytes(): Promise<number> {
    let total = 0;
    for (const f of await readdir(this.options.spillDir)) {
      if (!segmentPattern.test(f)) continue;
      try {
        total += (await stat(join(this.options.spillDir, f))).size;
      } catch {
        // Sent and unlinked between the listing and the stat.
      }
    }
    return total;
  }

  /** Resolves once everything queued so far has reached the sink (tests, orderly shutdown). */
  async flush(): Promise<void> {
    for (;;) {
      this.kick(true);
      if (this.pumping) await this.pumping;
      else await new Promise((r) => setTimeout(r, 10));
      if (this.mem.length === 0 && !this.diskMode) return;
      if (this.closed) return;
    }
  }

  /**
   * Stops delivery and writes every event still in memory to a spill segment, so a restart
   * delivers it: closing never loses an event, even with the sink down.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    // A sink that hangs must not hang shutdown: the batch in flight is also written out below
    // (at least once), and the store drops the repeat by id.
    await Promise.race([this.pumping, new Promise((r) => setTimeout(r, 5000).unref())]);
    await this.writing;
    if (this.mem.length === 0) return;
    const lines = this.mem.map((e) => this.codec.encode(e));
    this.mem = [];
    this.stats.inMemory = 0;
    // Memory holds events older than every segment, so its file must sort before them all.
    const existing = [...this.segments, ...(this.writeSegment !== undefined ? [this.writeSegment] : [])];
    const name = existing.length > 0 ? Math.min(...existing) - 1 : this.nextSegment++;
    await appendFile(join(this.options.spillDir, segmentName(name)), `${lines.join('\n')}\n`);
  }
}

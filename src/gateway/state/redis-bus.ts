import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { BlocklistChange, EnforcementBus } from '../../enforcement/index.js';
import type { Logger } from '../../observability/index.js';
import { decodeChangeMessage, encodeChangeMessage } from './change-message.js';
import { ThrottledLog } from './throttled-log.js';

export interface RedisEnforcementBusOptions {
  redisUrl: string;
  logger: Logger;
  /** Prefix of the channel name (`<prefix>enforcement`); tests give each file its own. */
  keyPrefix?: string;
  /** This replica's id, stamped on what it publishes so it can skip its own echo. */
  origin?: string;
  /** Called each time the subscriber connection is (re)subscribed: the moment to catch up from the store. */
  onSubscribed?: () => void;
}

/** Reconnect quickly at first, then every 2 s at most, forever: a replica never gives up on Redis. */
export function redisRetryStrategy(times: number): number {
  return Math.min(50 * 2 ** Math.min(times, 6), 2000);
}

/**
 * The scale-out enforcement bus: changes go out on one Redis pub/sub channel and every replica
 * applies them to its own `Blocklist` copy. Publishing delivers to this process's listeners
 * first (synchronously, as the embedded bus does), so the replica that bans enforces at once
 * even when Redis is unreachable. Redis pub/sub is at-most-once: a replica that was disconnected
 * misses messages, which is why `onSubscribed` triggers a catch-up from the store's cursor.
 */
export class RedisEnforcementBus implements EnforcementBus {
  readonly origin: string;
  readonly channel: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Set<(change: BlocklistChange) => void>();
  private readonly rejected: ThrottledLog;
  private readonly connectionErrors: ThrottledLog;
  private closed = false;
  /** Publishes Redis refused (for metrics and tests); their changes reach the others by catch-up. */
  failedPublishes = 0;
  /** Told how long each message from another replica took to arrive (ms, by the two clocks). */
  onLag: ((ms: number) => void) | undefined;
  /** Resolves once the subscriber is listening for the first time. */
  readonly subscribed: Promise<void>;

  constructor(private readonly options: RedisEnforcementBusOptions) {
    this.origin = options.origin ?? `gw-${randomBytes(6).toString('hex')}`;
    this.channel = `${options.keyPrefix ?? 'warden:'}enforcement`;
    const common = { retryStrategy: redisRetryStrategy, lazyConnect: false } as const;
    // Publishing must fail fast rather than queue while Redis is down: the store already holds
    // the change and the other replicas' catch-up delivers it.
    this.pub = new Redis(options.redisUrl, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    this.sub = new Redis(options.redisUrl, { ...common, autoResubscribe: false });
    this.rejected = new ThrottledLog(options.logger, 'warn', 'enforcement message rejected');
    this.connectionErrors = new ThrottledLog(
      options.logger,
      'error',
      'enforcement bus: Redis unreachable, enforcing the last copy',
    );
    for (const [name, conn] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      conn.on('error', (err: Error) => this.connectionErrors.note({ connection: name, err: err.message }));
    }
    this.sub.on('messageBuffer', (_channel: Buffer, message: Buffer) => this.receive(message));
    let first: (() => void) | undefined;
    this.subscribed = new Promise((resolve) => (first = resolve));
    // Subscribed by hand on every (re)connect, so each reconnect is also the moment to catch up.
    const onReady = (): void => {
      if (this.closed) return;
      this.sub
        .subscribe(this.channel)
        .then(() => {
          options.logger.info({ channel: this.channel, origin: this.origin }, 'enforcement bus subscribed');
          first?.();
          first = undefined;
          options.onSubscribed?.();
        })
        .catch((err: Error) => this.connectionErrors.note({ connection: 'subscriber', err: err.message }));
    };
    this.sub.on('ready', onReady);
  }

  private receive(message: Buffer): void {
    const decoded = decodeChangeMessage(message);
    if (!decoded.ok) {
      this.rejected.note({ channel: this.channel, reason: decoded.reason, bytes: message.length });
      return;
    }
    if (decoded.origin === this.origin) return;
    if (decoded.at !== undefined) this.onLag?.(Math.max(0, Date.now() - decoded.at));
    this.deliver(decoded.change);
  }

  private deliver(change: BlocklistChange): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        this.options.logger.error({ err: (err as Error).message }, 'enforcement listener failed');
      }
    }
  }

  /**
   * Applies the change here, then publishes it. When Redis refuses the publish (unreachable),
   * this resolves anyway and logs: the change is enforced on this replica and already in the
   * store (callers write the store first), from which every other replica catches up on its
   * next reconnect or periodic pass. Failing the caller would only make a stored ban look unmade.
   */
  async publish(change: BlocklistChange): Promise<void> {
    this.deliver(change);
    try {
      await this.pub.publish(this.channel, encodeChangeMessage(this.origin, change));
    } catch (err) {
      this.failedPublishes++;
      this.connectionErrors.note({
        connection: 'publisher',
        err: (err as Error).message,
        unpublished: change.op,
      });
    }
  }

  subscribe(listener: (change: BlocklistChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.pub.disconnect();
    this.sub.disconnect();
    return Promise.resolve();
  }
}

import type { BlocklistChange } from './block-entry.schema.js';

/**
 * How enforcement reaches every gateway: whoever changes the blocklist publishes the change,
 * every replica subscribes and applies it to its `Blocklist` copy. Embedded mode uses the
 * in-process bus below; scale-out mode a Redis pub/sub implementation of the same interface.
 */
export interface EnforcementBus {
  publish(change: BlocklistChange): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: (change: BlocklistChange) => void): () => void;
  close(): Promise<void>;
}

/** The embedded bus: one process, synchronous delivery, so a ban applies before `publish` returns. */
export class LocalEnforcementBus implements EnforcementBus {
  private readonly listeners = new Set<(change: BlocklistChange) => void>();

  publish(change: BlocklistChange): Promise<void> {
    for (const l of this.listeners) l(change);
    return Promise.resolve();
  }

  subscribe(listener: (change: BlocklistChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}

import type { Logger } from '../../observability/index.js';

/**
 * Logs the first occurrence, then at most once per interval with a count of what was
 * suppressed: a flood of hostile messages or a Redis outage must not become a flood of logs.
 */
export class ThrottledLog {
  private last = -Infinity;
  private suppressed = 0;
  /** Total occurrences noted, for tests and metrics. */
  count = 0;

  constructor(
    private readonly logger: Logger,
    private readonly level: 'warn' | 'error',
    private readonly msg: string,
    private readonly intervalMs = 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  note(fields: Record<string, unknown>): void {
    this.count++;
    const now = this.clock();
    if (now - this.last < this.intervalMs) {
      this.suppressed++;
      return;
    }
    this.last = now;
    this.logger[this.level]({ ...fields, suppressed: this.suppressed }, this.msg);
    this.suppressed = 0;
  }
}

/**
 * One thing that happened, for the audit log: who did what to what, and why. Every decision,
 * enforcement action, configuration change and read of raw prompt text is recorded.
 */
export interface AuditRecordInput {
  /** Epoch ms. */
  at: number;
  /** Who: `key:<id>`, `user:<id>`, `partner:<id>`, or `system:<component>` for automatic policy. */
  actor: string;
  /** What, as a dotted verb: `case.state_changed`, `action.executed`, `prompt.revealed`, `config.changed`… */
  action: string;
  /** What it was done to. */
  target?: { type: string; id: string };
  /** The stated reason, where one is required (revealing prompts, reversing an action). */
  reason?: string;
  /** Anything else worth keeping; never raw prompt text. */
  details?: Record<string, unknown>;
}

/** Where the shell sends audit records; the store-backed, hash-chained implementation lives beside it. */
export interface AuditSink {
  record(entry: AuditRecordInput): Promise<void>;
}

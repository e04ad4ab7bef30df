import type { AuditSink } from '../audit/index.js';
import type { WardenConfig } from '../config/index.js';
import type { Blocklist, EnforcementBus } from '../enforcement/index.js';
import type { DecodedEvent } from '../events/index.js';
import type { ActorCatalogue, StixSchemaSet } from '../intel/index.js';
import type { Logger, Metrics } from '../observability/index.js';
import type { AnalyzeReport } from '../pipeline/index.js';
import type { CaseLookup } from '../privacy/index.js';
import type { Database } from '../store/index.js';

/** Everything the API needs, built once by the composition root and passed down. */
export interface AppDeps {
  config: Readonly<WardenConfig>;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  /** Wall clock, injected so tests can fix it. */
  now: () => number;
  /** The live pipeline's current report (`warden analyze` format); absent when it is not running. */
  analysis?: { report(generatedAt: string): AnalyzeReport; matches(account?: string): unknown[] };
  /** Intelligence: the actor catalogue, the STIX schemas (absent: no STIX import) and a hook run after new intel is stored. */
  intel?: { catalogue: ActorCatalogue; schemas?: StixSchemaSet; onStored?: () => void | Promise<void> };
  /** The audit log every decision, action and prompt read goes to. */
  audit?: AuditSink;
  /** Case management's answer to "is this account under an open case?" (src/cases implements it); absent: raw prompts cannot be revealed. */
  cases?: CaseLookup;
  /** Enforcement state: this process's blocklist copy and the bus that publishes changes to every gateway. */
  enforcement?: { blocklist: Blocklist; bus: EnforcementBus };
  /** The gateway running in this process, if any: re-read its config files, re-read its keys now. */
  gateway?: { reload(): { ok: true } | { ok: false; error: string }; refreshKeys(): Promise<void> };
  /** The live pipeline's feed: new events after they are committed. */
  onEventsCommitted?: (events: DecodedEvent[]) => void | Promise<void>;
}

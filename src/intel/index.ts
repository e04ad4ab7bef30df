/**
 * Threat intelligence: Warden's actor catalogue, STIX 2.1 import/export and validation, the
 * STIX patterning language, and the indicator matcher. Pure: no store, API or clock; time is
 * always the event's time. See docs/intel.md.
 */
export * from './catalogue/index.js';

export { loadStixSchemas, defaultStixSchemaDir, type StixSchemaSet } from './stix/schemas.js';
export { parseStixBundle, checkBundleSize, DEFAULT_MAX_BUNDLE_BYTES, type BundleParseResult } from './stix/bundle.js';
export { validateStixObject } from './stix/validate.js';
export {
  importBundle,
  importBundleText,
  formatIssue,
  type ImportOptions,
  type ImportResult,
  type ImportSummary,
  type PatternCounts,
} from './stix/import.js';
export { IntelState, type IntelRecord, type Provenance } from './stix/intel-state.js';
export { tlpOfObject, tlpMarking, TLP1_MARKINGS, TLP2_MARKINGS, TLP_RANK, type TlpLevel } from './stix/markings.js';
export { scoId, wardenObjectId, uuidV5, canonicalJson, STIX_SCO_NAMESPACE } from './stix/ids.js';
export type { StixObject, StixBundle, StixIssue } from './stix/types.js';

export * from './pattern/index.js';

export { compileMatcher, IntelMatcher, type MatcherOptions, type MatchContext } from './match/compile.js';
export { loadWarninglists, Warninglists, type WarninglistHit, type Specificity } from './match/warninglists.js';
export { ExclusionList, HubTracker } from './match/exclusions.js';
export { refang, toObservation, type EventObservables, type TextObservable } from './match/observables.js';
export { DEFAULT_HALF_LIFE_DAYS, confidenceAt, type HalfLives } from './match/decay.js';
export type { IntelMatch, MatchField, MatchOutcome, SuppressedMatch, PartialMatch, ActorRef, MatcherStats } from './match/matcher.types.js';
export { createIntelPort, observablesOfEvent, type IntelPortHit, type IntelPortOptions } from './port.js';
export {
  exportBundle,
  patternFor,
  actorStixId,
  type ExportInput,
  type ExportIndicator,
  type ExportNetwork,
  type ExportSighting,
} from './stix/export.js';
export { WARDEN_DEVICE_EXTENSION, WARDEN_PAYMENT_EXTENSION } from './stix/warden-extensions.js';
export { canonicalIp, parseIpNetwork, formatIpNetwork, networkContains, type IpNetwork } from './net/ip.js';
// The prefix trie the matcher and warninglists use; the gateway's blocklist keeps its banned ranges in it too.
export { CidrTrie } from './match/cidr-trie.js';

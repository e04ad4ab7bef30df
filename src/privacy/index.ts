export { maskText, emptyCounts, luhnValid, type MaskCounts, type MaskKind } from './mask.js';
export { mapEventText, hasEventText } from './event-text.js';
export { purgedMarker, isPurged, purgeEventText } from './retention.js';
export type { CaseLookup } from './case-lookup.js';
export { purgeExpiredText, type PurgeOptions, type PurgeReport } from './purge.js';
export { resealStoredEvents, type ResealOptions, type ResealReport } from './reseal.js';
export { spillLineCodec, type SpillLineCodec } from './spill-codec.js';

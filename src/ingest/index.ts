export { ingestLines, ingestValues, emptyCounts, type IngestCounts, type IngestDeps, type IngestHooks } from './ingest.js';
export { openInput } from './sources.js';
